/**
 * A site in memory with one irregular item from each of the audit's checks: a member's ballot
 * in another member's name (prioritization), an owner's initiative whose phase was written
 * around the committee's record (portfolio), and a meeting the secretary marked "Referat
 * godkendt" without the chair's approval (minutes). The site groups say who holds which role.
 */
import type { Person } from "../../src/domain/common.js";
import {
  type BallotId,
  idOf,
  type InitiativeId,
  type MeetingId,
  type PersonId,
} from "../../src/domain/ids.js";
import type { Meeting } from "../../src/domain/meetings.js";
import type { Initiative } from "../../src/domain/portfolio.js";
import type { Round } from "../../src/domain/prioritization.js";
import type { AuditPorts } from "../../src/use-cases/audit.js";
import { aMeeting, anInitiative, aPerson, aRef, aRound } from "./builders.js";
import { aStoredBallot, aVoter, entries, writtenBy } from "./builders-tally.js";
import { memoryRepositories } from "./memory-repositories.js";
import { fakeSitePeople } from "./site-people.js";

export const AUDIT_PEOPLE = {
  /** Medlem 1, in whose name the forged ballot is written. */
  victim: aVoter(1),
  /** Medlem 2: writes the forged ballot and owns the initiative. */
  member: aVoter(2),
  chair: aPerson({ id: idOf<PersonId>(9), name: "Birgitte Holm", email: "birgitte@x.dk" }),
  secretary: aPerson({ id: idOf<PersonId>(20), name: "Mads Kjær", email: "mads@x.dk" }),
} satisfies Record<string, Person>;

export function anAuditedSite() {
  const { memory, repositories } = memoryRepositories();
  const { member, victim, chair, secretary } = AUDIT_PEOPLE;
  const [round] = memory.rounds.seed({
    ...aRound({ title: "Forår 2026", state: "Åben", candidates: [aRef(1), aRef(2)] }),
    created: "2026-03-01T08:00:00Z",
    createdBy: secretary,
    modifiedBy: secretary,
  }) as [Round];
  const forged = {
    ...writtenBy(aStoredBallot(round, victim.id, entries("rank", [1, 2])), member.id),
    id: idOf<BallotId>(12),
  };
  memory.ballots.seed(forged);
  const [initiative] = memory.initiatives.seed({
    ...anInitiative({ title: "Egen genvej", phase: "Gennemførelse", owner: member }),
    id: idOf<InitiativeId>(31),
    created: "2026-03-03T09:00:00Z",
    modified: "2026-03-04T10:30:00Z",
    createdBy: member,
    modifiedBy: member,
  }) as [Initiative];
  const [meeting] = memory.meetings.seed({
    ...aMeeting({
      title: "Styregruppemøde marts",
      state: "Referat godkendt",
      minutesApprovedAt: "2026-03-11T12:00:00Z",
      minutesApprovedBy: chair,
    }),
    id: idOf<MeetingId>(7),
    created: "2026-02-01T08:00:00Z",
    modified: "2026-03-11T12:00:00Z",
    createdBy: secretary,
    modifiedBy: secretary,
  }) as [Meeting];
  const people = fakeSitePeople({
    Medlemmer: [victim, member, chair],
    Formand: [chair],
    Sekretariat: [secretary],
  });
  const ports: AuditPorts = {
    repositories,
    people,
    clock: { now: () => new Date("2026-03-12T09:00:00Z") },
  };
  return { memory, ports, round, ballot: forged, initiative, meeting };
}
