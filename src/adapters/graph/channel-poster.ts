import type {
  ChannelAddress,
  ChannelMessage,
  ChannelMessageId,
  ChannelPostRequest,
  PostedChannelMessage,
} from "../../domain/communication.js";
import { StoreError } from "../../domain/errors.js";
import type { ChannelPoster } from "../../ports/channel.js";
import type { GraphHttp } from "./graph-http.js";

/**
 * ChannelPoster on Teams channel messages (ChannelMessage.Send):
 * `POST /teams/{team-id}/channels/{channel-id}/messages` with an HTML body and `<at id="n">`
 * mentions (https://learn.microsoft.com/graph/api/channel-post-messages), and
 * `GET .../messages` (https://learn.microsoft.com/graph/api/channel-list-messages).
 */

/** Teams refuses messages over about 28 KB (PLATFORM.md, Channel post). */
export const MAX_POST_BYTES = 28 * 1024;

interface GraphChatMessage {
  id: string;
  createdDateTime: string;
  webUrl?: string | null;
  subject?: string | null;
  body?: { contentType?: string; content?: string };
  from?: { user?: { id?: string; displayName?: string } | null } | null;
}

function messagesPath(c: ChannelAddress): string {
  return `/teams/${encodeURIComponent(c.teamId)}/channels/${encodeURIComponent(c.channelId)}/messages`;
}

export class GraphChannelPoster implements ChannelPoster {
  constructor(private readonly http: GraphHttp) {}

  async post(channel: ChannelAddress, request: ChannelPostRequest): Promise<PostedChannelMessage> {
    if (!request.html.trim()) {
      throw new StoreError("Invalid", "Opslaget er tomt.", { field: "html" });
    }
    const mentions = (request.mentions ?? []).map((p, i) => ({
      id: i,
      mentionText: p.name,
      mentioned: { user: { id: p.directoryId, displayName: p.name, userIdentityType: "aadUser" } },
    }));
    const size =
      new TextEncoder().encode(request.html).length +
      new TextEncoder().encode(JSON.stringify(mentions)).length;
    if (size > MAX_POST_BYTES) {
      throw new StoreError(
        "Invalid",
        `Opslaget er for stort til Teams (${Math.ceil(size / 1024)} KB; højst ca. 28 KB). Del det op eller læg det som et dokument.`,
        { field: "html" },
      );
    }
    const posted = await this.http.post<GraphChatMessage>(messagesPath(channel), {
      body: { contentType: "html", content: request.html },
      ...(request.subject ? { subject: request.subject } : {}),
      ...(mentions.length ? { mentions } : {}),
    });
    return {
      id: posted.id as ChannelMessageId,
      postedAt: posted.createdDateTime,
      webUrl: posted.webUrl ?? "",
    };
  }

  async list(channel: ChannelAddress, limit = 50): Promise<ChannelMessage[]> {
    const top = Math.max(1, Math.min(50, limit));
    const messages = await this.http.all<GraphChatMessage>(
      `${messagesPath(channel)}?$top=${top}`,
      limit,
    );
    return messages.map((m) => ({
      id: m.id as ChannelMessageId,
      postedAt: m.createdDateTime,
      webUrl: m.webUrl ?? "",
      html: m.body?.content ?? "",
      ...(m.subject ? { subject: m.subject } : {}),
      ...(m.from?.user?.id
        ? { author: { directoryId: m.from.user.id, name: m.from.user.displayName ?? "" } }
        : {}),
    }));
  }
}
