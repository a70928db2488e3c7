/**
 * Posts to a Teams channel (approved minutes go to Chefforum's channel).
 *
 * Errors: `StoreError`; a post too large for Teams is `Invalid`, posting to a team the user is
 * not a member of is `Forbidden`.
 */
import type {
  ChannelAddress,
  ChannelMessage,
  ChannelPostRequest,
  PostedChannelMessage,
} from "../domain/communication.js";

export interface ChannelPoster {
  /** Posts HTML to the channel; returns the new message's id and link. */
  post(channel: ChannelAddress, request: ChannelPostRequest): Promise<PostedChannelMessage>;
  /** The channel's messages, newest first, at most `limit` (default 50). */
  list(channel: ChannelAddress, limit?: number): Promise<ChannelMessage[]>;
}
