/**
 * Fake Graph ports for the meeting plan's use-case and UI tests: the calendar (the shared
 * `FakeCalendar`) and a directory with one group.
 */
import type { DirectoryPerson } from "../../src/domain/communication.js";
import { StoreError } from "../../src/domain/errors.js";
import type { Directory } from "../../src/ports/directory.js";

export const COMMITTEE_TEAM_ID = "team-committee";

export const MEMBERS: DirectoryPerson[] = [
  { directoryId: "u1", name: "Birgitte Holm", email: "bh@x.dk" },
  { directoryId: "u2", name: "Jonas Lind", email: "jonas@x.dk" },
  { directoryId: "u3", name: "Mads Kjær", email: "mads@x.dk" },
];

/** A directory whose only group is the committee's; `failNext` makes membersOf reject once. */
export class FakeDirectory implements Directory {
  private failure: StoreError | null = null;
  constructor(private readonly members: DirectoryPerson[] = MEMBERS) {}

  failNext(error: StoreError): void {
    this.failure = error;
  }

  me(): Promise<DirectoryPerson> {
    return Promise.resolve(this.members[2]!);
  }

  findPeople(): Promise<DirectoryPerson[]> {
    return Promise.resolve([]);
  }

  async membersOf(groupId: string): Promise<DirectoryPerson[]> {
    await Promise.resolve();
    if (this.failure) {
      const e = this.failure;
      this.failure = null;
      throw e;
    }
    if (groupId !== COMMITTEE_TEAM_ID) throw new StoreError("NotFound", "No such group");
    return this.members;
  }
}
