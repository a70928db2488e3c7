/**
 * What turnout a user is shown: who has voted only to those who read every ballot (the chair,
 * the secretariat); a member, who reads only their own ballot, is shown only their own state.
 */
import type { Person } from "../../src/domain/common.js";
import { idOf, type PersonId } from "../../src/domain/ids.js";
import { turnoutOf, turnoutViewFor } from "../../src/domain/tally.js";

const p = (id: number, name: string): Person => ({
  id: idOf<PersonId>(id),
  name,
  email: `${name.toLowerCase()}@x.dk`,
});
const ane = p(1, "Ane");
const bo = p(2, "Bo");
const cai = p(3, "Cai");
const turnout = turnoutOf([ane, bo, cai], new Set([ane.id]));

describe("turnout as the user may know it", () => {
  test("those who read every ballot see who has voted and who has not", () => {
    expect(turnoutViewFor(turnout, { readsAll: true, me: bo.id })).toEqual({
      kind: "everyone",
      voted: [ane],
      notVoted: [bo, cai],
    });
  });

  test.each([
    { who: ane, voted: true },
    { who: bo, voted: false },
  ])("a member sees only their own state ($who.name voted: $voted)", ({ who, voted }) => {
    expect(turnoutViewFor(turnout, { readsAll: false, me: who.id })).toEqual({
      kind: "own",
      voted,
    });
  });

  test("a member's view names nobody else and gives no count", () => {
    const view = turnoutViewFor(turnout, { readsAll: false, me: bo.id });
    expect(JSON.stringify(view)).not.toContain("Ane");
    expect(view).not.toHaveProperty("notVoted");
  });
});
