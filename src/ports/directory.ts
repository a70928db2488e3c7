/**
 * The organisation's directory: who is signed in, finding people, and a group's members
 * (e.g. the committee's Microsoft 365 group, to invite its members).
 *
 * Errors: `StoreError`; an unknown group is `NotFound`.
 */
import type { DirectoryPerson } from "../domain/communication.js";

export interface Directory {
  /** The signed-in person. */
  me(): Promise<DirectoryPerson>;
  /** People whose name or e-mail starts with `text`, at most `limit` (default 25). */
  findPeople(text: string, limit?: number): Promise<DirectoryPerson[]>;
  /** Every member of a group (all pages). */
  membersOf(groupId: string): Promise<DirectoryPerson[]>;
}
