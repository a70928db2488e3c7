/**
 * The audit's findings: when their writer wrote the item (the server's Modified for the last
 * editor, Created for the author), the page of the tab each belongs to, one finding per list,
 * item and rule, sorted; and the command line's line with exactly list, item, rule and by.
 */
import {
  auditFindings,
  auditLine,
  type ReadItem,
  ReadItems,
  subjectOf,
  writerOf,
  writtenAt,
} from "../../src/domain/audit.js";
import type { Person } from "../../src/domain/common.js";
import { idOf, type PersonId } from "../../src/domain/ids.js";
import type { CheckedList, Irregularity } from "../../src/domain/irregularities.js";

const person = (id: number, email = `p${id}@x.dk`): Person => ({
  id: idOf<PersonId>(id),
  name: `Person ${id}`,
  email,
});
const author = person(1);
const editor = person(2);
const item: ReadItem = {
  id: 5,
  created: "2026-03-01T08:00:00Z",
  modified: "2026-03-02T09:00:00Z",
  createdBy: author,
  modifiedBy: editor,
};

describe("when the writer wrote the item", () => {
  it.each([
    ["the last editor: Modified", editor, "2026-03-02T09:00:00Z"],
    ["the author who is not the last editor: Created", author, "2026-03-01T08:00:00Z"],
    ["someone the item does not name: Modified", person(3), "2026-03-02T09:00:00Z"],
    ["nobody known: Modified", null, "2026-03-02T09:00:00Z"],
  ] as const)("%s", (_case, by, at) => {
    expect(writtenAt(item, by)).toBe(at);
  });

  it("an author who also edited last: the last time they wrote it (Modified)", () => {
    expect(writtenAt({ ...item, modifiedBy: author }, author)).toBe("2026-03-02T09:00:00Z");
  });

  it("an item that was not read (deleted since): unknown", () => {
    expect(writtenAt(undefined, author)).toBeNull();
  });
});

describe("the page each finding belongs to", () => {
  const read = new ReadItems();
  read.add("Initiatives", [{ id: 31, title: "Egen genvej" }]);
  read.add("Rounds", [{ id: 4, title: "Forår" }]);
  read.add("Meetings", [{ id: 7, title: "Marts" }]);
  read.add("Ballots", [{ id: 12, round: { id: 4, title: "Forår" } }]);
  read.add("Comparisons", [{ id: 40, weightSet: { id: 3, title: "Vægte 2027" } }]);
  read.add("PhaseChanges", [{ id: 50, initiative: { id: 31, title: "Egen genvej" } }]);
  read.add("BudgetLines", [{ id: 51, initiative: { id: 31, title: "Egen genvej" } }]);
  read.add("StatusReports", [{ id: 52, initiative: { id: 31, title: "Egen genvej" } }]);
  read.add("Benefits", [{ id: 60, initiative: { id: 31, title: "Egen genvej" } }]);
  read.add("BenefitMeasurements", [{ id: 61, benefit: { id: 60, title: "Færre opkald" } }]);
  read.add("MinutesApprovals", [{ id: 70, meeting: { id: 7, title: "Marts" } }]);

  const initiative = { kind: "initiative", id: 31, title: "Egen genvej" };
  it.each<[CheckedList, number, unknown]>([
    ["Initiatives", 31, initiative],
    ["Rounds", 4, { kind: "round", id: 4, title: "Forår" }],
    ["Meetings", 7, { kind: "meeting", id: 7, title: "Marts" }],
    ["Ballots", 12, { kind: "round", id: 4, title: "Forår" }],
    ["Comparisons", 40, { kind: "weights", id: 3, title: "Vægte 2027" }],
    ["PhaseChanges", 50, initiative],
    ["BudgetLines", 51, initiative],
    ["StatusReports", 52, initiative],
    ["BenefitMeasurements", 61, initiative],
    ["MinutesApprovals", 70, { kind: "meeting", id: 7, title: "Marts" }],
    ["Ballots", 99, null],
    ["Settings", 1, null],
  ])("%s %i", (list, id, subject) => {
    expect(subjectOf(list, id, read)).toEqual(subject);
  });

  it("an approval not read names its meeting through the rule's parameters", () => {
    expect(subjectOf("MinutesApprovals", 71, read, { meeting: "April", meetingId: 8 })).toEqual({
      kind: "meeting",
      id: 8,
      title: "April",
    });
  });
});

describe("the findings of several checks as one list", () => {
  const finding = (list: CheckedList, id: number, rule: string, by: Person | null = author) =>
    ({ list, item: id, rule, by }) satisfies Irregularity;

  it("keeps one per list, item and rule, sorted by list, item and rule, dated and placed", () => {
    const read = new ReadItems();
    read.add("Ballots", [{ ...item, id: 3, round: { id: 4, title: "Forår" } }]);
    const found = auditFindings(
      [
        finding("Meetings", 7, "minutes.irregular.approvedWithoutApproval", editor),
        finding("Ballots", 3, "ballot.voterMismatch"),
        finding("Ballots", 3, "ballot.voterMismatch"),
        finding("Ballots", 2, "ballot.deletedAfterClose", null),
      ],
      read,
    );
    expect(found).toEqual([
      { ...finding("Ballots", 2, "ballot.deletedAfterClose", null), at: null, subject: null },
      {
        ...finding("Ballots", 3, "ballot.voterMismatch"),
        at: "2026-03-01T08:00:00Z",
        subject: { kind: "round", id: 4, title: "Forår" },
      },
      {
        ...finding("Meetings", 7, "minutes.irregular.approvedWithoutApproval", editor),
        at: null,
        subject: { kind: "meeting", id: 7, title: "" },
      },
    ]);
  });
});

describe("the command line's line", () => {
  it("has exactly list, item, rule and by (the writer's e-mail as the site knows it), in that order", () => {
    const line = auditLine({
      list: "Ballots",
      item: 12,
      rule: "ballot.scoreOutOfRange",
      params: { value: 1_000_000 },
      by: person(2, "Jonas.Lind@Kommune.dk"),
    });
    expect(JSON.stringify(line)).toBe(
      '{"list":"Ballots","item":12,"rule":"ballot.scoreOutOfRange","by":"Jonas.Lind@Kommune.dk"}',
    );
  });

  it.each([
    ["nobody known", null],
    ["a person without an e-mail", person(3, " ")],
  ])("by is null for %s", (_case, by) => {
    expect(writerOf({ by })).toBeNull();
  });
});
