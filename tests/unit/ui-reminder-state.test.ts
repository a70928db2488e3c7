/**
 * The missing-reports list's reducer: selecting, planning who is reminded of what, marking as
 * reminded only what Graph accepted, keeping the failed recipients to send again alone.
 */
import type { Person } from "../../src/domain/common.js";
import type { PersonId } from "../../src/domain/ids.js";
import type { ReminderRecipient } from "../../src/domain/status-reports.js";
import {
  failedRecipients,
  INITIAL_REMINDER_STATE,
  type ReminderAction,
  reminderPlan,
  reminderReducer,
  type ReminderState,
} from "../../src/ui/status/reminder-state.js";

function person(id: number, name: string): Person {
  return { id: id as PersonId, name, email: `${name.toLowerCase()}@x.dk` };
}
const anne = person(1, "Anne");
const sara = person(2, "Sara");

function recipient(p: Person, titles: string[]): ReminderRecipient {
  return { person: p, initiatives: titles };
}

const run = (actions: ReminderAction[], from: ReminderState = INITIAL_REMINDER_STATE) =>
  actions.reduce(reminderReducer, from);

describe("selecting initiatives", () => {
  test.each([
    ["toggling on adds", [{ kind: "toggle", id: 3, on: true }], [3]],
    [
      "toggling off removes",
      [
        { kind: "toggle", id: 3, on: true },
        { kind: "toggle", id: 4, on: true },
        { kind: "toggle", id: 3, on: false },
      ],
      [4],
    ],
    ["select all takes every id", [{ kind: "selectAll", ids: [1, 2, 3] }], [1, 2, 3]],
    ["select none empties", [{ kind: "selectAll", ids: [1, 2] }, { kind: "selectNone" }], []],
  ] as [string, ReminderAction[], number[]][])("%s", (_name, actions, expected) => {
    expect([...run(actions).selected]).toEqual(expected);
  });
});

describe("sending reminders", () => {
  test("the plan groups the selected initiatives by the responsible person; none without one", () => {
    const plan = reminderPlan([
      { initiative: { id: 10 }, responsible: anne },
      { initiative: { id: 11 }, responsible: sara },
      { initiative: { id: 12 }, responsible: anne },
      { initiative: { id: 13 }, responsible: null },
    ]);
    expect([...plan]).toEqual([
      [1, [10, 12]],
      [2, [11]],
    ]);
  });

  test("only the initiatives of the people Graph accepted are marked as reminded", () => {
    const state = run([
      {
        kind: "planned",
        plan: new Map([
          [1, [10, 12]],
          [2, [11]],
        ]),
        withoutRecipient: ["X"],
      },
      { kind: "sending" },
      {
        kind: "sent",
        outcome: {
          sent: [recipient(sara, ["B"])],
          failed: [{ recipient: recipient(anne, ["A"]), error: "throttled" }],
        },
      },
    ]);
    expect([...state.sentFor]).toEqual([11]);
    expect(state.lastSent).toBe(1);
    expect(state.busy).toBe(false);
    expect(state.withoutRecipient).toEqual(["X"]);
    expect(failedRecipients(state).map((r) => r.person.name)).toEqual(["Anne"]);
  });

  test("a retry that gets through adds to what was reminded and clears the failures", () => {
    const first = run([
      {
        kind: "planned",
        plan: new Map([
          [1, [10]],
          [2, [11]],
        ]),
        withoutRecipient: [],
      },
      {
        kind: "sent",
        outcome: {
          sent: [recipient(sara, ["B"])],
          failed: [{ recipient: recipient(anne, ["A"]), error: "throttled" }],
        },
      },
    ]);
    const again = run(
      [
        { kind: "sending" },
        { kind: "sent", outcome: { sent: [recipient(anne, ["A"])], failed: [] } },
      ],
      first,
    );
    expect([...again.sentFor].sort()).toEqual([10, 11]);
    expect(again.failed).toEqual([]);
  });

  test("a send that fails as a whole keeps the error and stops being busy", () => {
    const state = run([{ kind: "sending" }, { kind: "sendFailed", error: "boom" }]);
    expect(state).toMatchObject({ busy: false, error: "boom" });
    const next = reminderReducer(state, { kind: "sending" });
    expect(next).toMatchObject({ busy: true, error: null });
  });
});
