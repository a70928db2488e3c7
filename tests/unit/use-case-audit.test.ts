/**
 * `auditSite`: the prioritization, portfolio and minutes checks combined into one list, sorted
 * by list, item and rule, each finding naming who wrote it, when (as the server recorded it)
 * and the tab's page it belongs to; grouped by list for the page; a site group that cannot be
 * read rejects (no author can be judged without it).
 */
import { StoreError } from "../../src/domain/errors.js";
import { auditSite, findingsByList } from "../../src/use-cases/audit.js";
import { anAuditedSite, AUDIT_PEOPLE } from "../support/builders-audit.js";

it("combines the three checks: the forged ballot, the phase written around the record, the forged approval", async () => {
  const { ports, ballot, initiative, meeting, round } = anAuditedSite();
  const found = await auditSite(ports);
  expect(found.map((f) => [f.list, f.item, f.rule, f.by?.name, f.at, f.subject])).toEqual([
    [
      "Ballots",
      ballot.id,
      "ballot.voterMismatch",
      AUDIT_PEOPLE.member.name,
      ballot.modified,
      { kind: "round", id: round.id, title: "Forår 2026" },
    ],
    [
      "Initiatives",
      initiative.id,
      "initiative.phaseNotRecorded",
      AUDIT_PEOPLE.member.name,
      "2026-03-04T10:30:00Z",
      { kind: "initiative", id: initiative.id, title: "Egen genvej" },
    ],
    [
      "Meetings",
      meeting.id,
      "minutes.irregular.approvedWithoutApproval",
      AUDIT_PEOPLE.secretary.name,
      "2026-03-11T12:00:00Z",
      { kind: "meeting", id: meeting.id, title: "Styregruppemøde marts" },
    ],
  ]);
  expect(found[0]!.params).toEqual({ claimed: AUDIT_PEOPLE.victim.name });
});

it("a site without irregular items has no findings", async () => {
  const { ports, memory } = anAuditedSite();
  for (const list of [memory.ballots, memory.initiatives, memory.meetings]) list.items.clear();
  expect(await auditSite(ports)).toEqual([]);
});

it("groups the findings by list, in their order", async () => {
  const { ports } = anAuditedSite();
  const groups = findingsByList(await auditSite(ports));
  expect(groups.map(([list, items]) => [list, items.length])).toEqual([
    ["Ballots", 1],
    ["Initiatives", 1],
    ["Meetings", 1],
  ]);
});

it("rejects when the site groups' membership cannot be read", async () => {
  const { ports } = anAuditedSite();
  const hidden = {
    ...ports,
    people: {
      ...ports.people,
      groupMembers: () => Promise.reject(new StoreError("Forbidden", "Adgang nægtet")),
    },
  };
  await expect(auditSite(hidden)).rejects.toMatchObject({ kind: "Forbidden" });
});
