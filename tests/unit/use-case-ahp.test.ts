/**
 * Criteria and weights through the ports with in-memory repositories: criteria kept by the
 * secretary and chair (at most 7 active, refused), members' judgements stored one per
 * pair (changed, not duplicated; the reciprocal implied), each member's weights and CR with the
 * comparison to reconsider, the committee's weights from the geometric mean, who sees whose
 * weights, and the chair's approval at a meeting. Whose judgement a comparison is, is its
 * author: comparisons written under other voters' ids move nothing, block no one, and are
 * named for the chair and the secretariat.
 */
import { buildMatrix, committeeWeights } from "../../src/domain/ahp.js";
import type { Person } from "../../src/domain/common.js";
import { isStoreError, StoreError } from "../../src/domain/errors.js";
import { idOf, type WeightSetId } from "../../src/domain/ids.js";
import { comparisonKey, type Criterion } from "../../src/domain/prioritization.js";
import type { Outcome, Problem } from "../../src/domain/problems.js";
import type { Me } from "../../src/domain/roles.js";
import * as ahp from "../../src/use-cases/ahp.js";
import { type AhpPorts, loadAhpPage } from "../../src/use-cases/ahp.js";
import { aCriterion, aMeeting } from "../support/builders.js";
import { judgementsFromMatrix } from "../support/builders-ahp.js";
import { aClock, chair, me, member, secretary } from "../support/builders-lifecycle.js";
import { memoryRepositories } from "../support/memory-repositories.js";

/** Wikipedia's leader example: weights .547, .127, .270, .056 and CR .044. */
const LEADER = [
  [1, 4, 3, 7],
  [1 / 4, 1, 1 / 3, 3],
  [1 / 3, 3, 1, 5],
  [1 / 7, 1 / 3, 1 / 5, 1],
];
/** An inconsistent member: A ≫ B, B ≫ C, but C ≫ A. */
const CIRCULAR = [
  [1, 5, 1 / 5, 3],
  [1 / 5, 1, 5, 3],
  [5, 1 / 5, 1, 3],
  [1 / 3, 1 / 3, 1 / 3, 1],
];

/** The site groups' members, as SitePeople.groupMembers reads them. */
const GROUPS: Record<string, Person[]> = {
  Medlemmer: [member, { ...member, id: idOf(5), name: "Lise Bech" }],
  Formand: [chair],
};

function setup() {
  let acting: Me = me(secretary, "secretary");
  const { memory, repositories } = memoryRepositories(() => acting.person);
  const ports: AhpPorts = {
    repositories,
    currentUser: { me: () => Promise.resolve(acting) },
    clock: aClock("2026-03-10T09:30:00Z"),
    people: {
      ensure: () => Promise.reject(new StoreError("NotFound", "unused")),
      groupMembers: (title) => Promise.resolve(GROUPS[title] ?? []),
    },
  };
  const as = (who: Me) => {
    acting = who;
  };
  return { memory, ports, as };
}

/** A refusal the use-case returned, carried out of an accepted-only call. */
class Refused extends Error {
  constructor(readonly problem: Problem) {
    super(`refused: ${problem.code}`);
  }
}

/** The value of an outcome the test expects to be accepted. */
async function accepted<T>(p: Promise<Outcome<T>>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Refused(r.error);
  return r.value;
}

const saveCriterion = (...a: Parameters<typeof ahp.saveCriterion>) =>
  accepted(ahp.saveCriterion(...a));
const openComparison = (...a: Parameters<typeof ahp.openComparison>) =>
  accepted(ahp.openComparison(...a));
const saveComparison = (...a: Parameters<typeof ahp.saveComparison>) =>
  accepted(ahp.saveComparison(...a));
const saveComparisons = (...a: Parameters<typeof ahp.saveComparisons>) =>
  accepted(ahp.saveComparisons(...a));
const approveWeightSet = (...a: Parameters<typeof ahp.approveWeightSet>) =>
  accepted(ahp.approveWeightSet(...a));

/** What stopped a call: the refusal's code (and params), or the store's error kind. */
async function refusal(
  p: Promise<unknown>,
): Promise<{ code?: string; params?: unknown; kind?: string }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof Refused) return { code: e.problem.code, params: e.problem.params };
    if (isStoreError(e)) return { kind: e.kind };
    throw e;
  }
  throw new Error("not refused");
}

async function criteria(ports: AhpPorts, n: number): Promise<Criterion[]> {
  const out: Criterion[] = [];
  for (let i = 0; i < n; i++) {
    out.push(
      await saveCriterion(ports, {
        draft: aCriterion({ title: `Kriterium ${i + 1}`, sortOrder: i + 1 }),
      }),
    );
  }
  return out;
}

async function judge(ports: AhpPorts, set: WeightSetId, cs: Criterion[], rows: number[][]) {
  for (const j of judgementsFromMatrix(rows)) {
    const a = cs[j.a - 1]!;
    const b = cs[j.b - 1]!;
    await saveComparison(ports, { weightSet: set, a, b, value: j.value });
  }
}

const m1 = me(member, "member");
const m2 = me({ ...member, id: idOf(5), name: "Lise Bech" }, "member");
const theChair = me(chair, "chair", "member");

describe("criteria", () => {
  test("the secretary adds and edits criteria with descriptions and level definitions", async () => {
    const { ports } = setup();
    const levels = {
      none: "Ingen effekt",
      low: "Lidt",
      moderate: "Noget",
      strong: "Meget",
      extreme: "Afgørende",
    };
    const c = await saveCriterion(ports, {
      draft: aCriterion({ title: "Borgernytte", description: "Værdi for borgeren", levels }),
    });
    await saveCriterion(ports, {
      id: c.id,
      version: c.version,
      draft: { ...c, title: "Borgernes nytte", active: false },
    });
    const page = await loadAhpPage(ports);
    expect(page.criteria).toEqual([
      expect.objectContaining({ title: "Borgernes nytte", levels, active: false }),
    ]);
    expect(page.active).toEqual([]);
  });

  test("an eighth active criterion is refused with the limit; an inactive one is not", async () => {
    const { ports } = setup();
    const seven = await criteria(ports, 7);
    const refused = await refusal(
      saveCriterion(ports, { draft: aCriterion({ title: "Ottende" }) }),
    );
    expect(refused).toEqual({ code: "ahp.problem.tooManyActive", params: { max: 7 } });
    const eighth = await saveCriterion(ports, {
      draft: aCriterion({ title: "Ottende", active: false }),
    });
    // Editing one of the seven (still active) is fine; activating the eighth is not.
    const first = seven[0]!;
    await saveCriterion(ports, {
      id: first.id,
      version: first.version,
      draft: { ...first, description: "Ny" },
    });
    expect(
      (
        await refusal(
          saveCriterion(ports, {
            id: eighth.id,
            version: eighth.version,
            draft: { ...eighth, active: true },
          }),
        )
      ).code,
    ).toBe("ahp.problem.tooManyActive");
  });

  test("a member may not change criteria", async () => {
    const { ports, as } = setup();
    as(m1);
    expect((await refusal(saveCriterion(ports, { draft: aCriterion() }))).code).toBe(
      "ahp.problem.onlyManagersEditCriteria",
    );
  });
});

describe("comparisons and weights", () => {
  test("a member's judgements give the published weights and CR; one Comparison per pair", async () => {
    const { ports, as, memory } = setup();
    const cs = await criteria(ports, 4);
    const set = await openComparison(ports, { title: "Vægte 2027" });
    as(m1);
    await judge(ports, set.id, cs, LEADER);
    // Changing my mind about a pair, stated the other way round, updates the same item.
    await saveComparison(ports, { weightSet: set.id, a: cs[1]!, b: cs[0]!, value: 2 });
    await saveComparison(ports, { weightSet: set.id, a: cs[1]!, b: cs[0]!, value: -4 });
    expect(memory.comparisons.all()).toHaveLength(6);
    const stored = memory.comparisons.all().find((c) => c.criterionB?.id === cs[1]!.id);
    expect(stored).toEqual(
      expect.objectContaining({ value: 4, comparisonKey: `${set.id}:1:2:${member.id}` }),
    );

    const page = await loadAhpPage(ports);
    expect(page.pairs).toHaveLength(6);
    expect(page.pairs[0]).toEqual(expect.objectContaining({ value: 4 }));
    const [mine] = page.members;
    expect(mine?.own).toBe(true);
    expect(mine?.judged).toBe(6);
    const w = mine!.result!.weights;
    [0.547, 0.127, 0.27, 0.056].forEach((x, i) => expect(w[i]).toBeCloseTo(x, 2));
    expect(mine!.result!.cr).toBeCloseTo(0.044, 2);
    expect(mine!.result!.advice).toBeNull();
  });

  test("an inconsistent member is pointed at the most deviating pair with a suggested value", async () => {
    const { ports, as } = setup();
    const cs = await criteria(ports, 4);
    const set = await openComparison(ports, { title: "Vægte" });
    as(m1);
    await judge(ports, set.id, cs, CIRCULAR);
    const [mine] = (await loadAhpPage(ports)).members;
    const r = mine!.result!;
    expect(r.accepted).toBe(false);
    expect(r.cr).toBeGreaterThan(0.1);
    expect(r.advice).not.toBeNull();
    expect(r.advice!.suggested).not.toBe(r.advice!.current);
  });

  test("an incomplete member has no weights, and the committee leaves them out", async () => {
    const { ports, as } = setup();
    const cs = await criteria(ports, 3);
    const set = await openComparison(ports, { title: "Vægte" });
    as(m1);
    await saveComparison(ports, { weightSet: set.id, a: cs[0]!, b: cs[1]!, value: 3 });
    const page = await loadAhpPage(ports);
    expect(page.members[0]).toEqual(
      expect.objectContaining({ judged: 1, needed: 3, result: null }),
    );
    expect(page.committee).toBeNull();
  });

  test("the committee's weights are the geometric mean's; the chair sees everyone, a member only self", async () => {
    const { ports, as } = setup();
    const cs = await criteria(ports, 4);
    const set = await openComparison(ports, { title: "Vægte" });
    as(m1);
    await judge(ports, set.id, cs, LEADER);
    as(m2);
    await judge(ports, set.id, cs, CIRCULAR);

    const ids = cs.map((c) => c.id);
    const built = [LEADER, CIRCULAR].map((rows) => {
      const b = buildMatrix(ids, judgementsFromMatrix(rows));
      if (!b.ok) throw new Error("incomplete");
      return b.value;
    });
    const expected = committeeWeights(built);

    const asMember = await loadAhpPage(ports);
    expect(asMember.members.map((m) => m.voter.name)).toEqual(["Lise Bech"]);
    expect(asMember.committeeOf).toBe(2);
    asMember.committee!.weights.forEach((x, i) => expect(x).toBeCloseTo(expected.weights[i]!, 10));
    expect(asMember.committee!.cr).toBeCloseTo(expected.cr, 10);

    as(theChair);
    const asChair = await loadAhpPage(ports);
    expect(asChair.members.map((m) => m.voter.name).sort()).toEqual(["Jonas Lind", "Lise Bech"]);
  });

  test("a member's judgements are saved in batches: new pairs added, changed pairs updated", async () => {
    const { ports, as, memory } = setup();
    const cs = await criteria(ports, 3);
    const set = await openComparison(ports, { title: "Vægte" });
    as(m1);
    const [a, b, c] = cs as [Criterion, Criterion, Criterion];
    await saveComparisons(ports, {
      weightSet: set.id,
      judgements: [
        { a, b, value: 3 },
        { a: c, b: a, value: 5 },
      ],
    });
    // One read for the whole batch, then the new pairs added.
    const lists = () => memory.comparisons.calls.filter(([m]) => m === "list").length;
    expect(lists()).toBe(1);
    expect(memory.comparisons.calls.filter(([m]) => m === "add")).toHaveLength(2);
    const saved = await saveComparisons(ports, {
      weightSet: set.id,
      judgements: [
        { a, b, value: 4 },
        { a: b, b: c, value: -2 },
      ],
    });
    expect(lists()).toBe(2);
    expect(memory.comparisons.calls.filter(([m]) => m === "update")).toHaveLength(1);
    expect(memory.comparisons.calls.filter(([m]) => m === "add")).toHaveLength(3);
    expect(memory.comparisons.all()).toHaveLength(3);
    expect(saved.map((x) => x.value).sort()).toEqual([-2, 4]);
    expect(
      memory.comparisons
        .all()
        .map((x) => [x.criterionA?.id, x.criterionB?.id, x.value])
        .sort(),
    ).toEqual([
      [1, 2, 4],
      [1, 3, -5],
      [2, 3, -2],
    ]);

    // A part refused by the store rejects the call with its error.
    memory.comparisons.failNext("update", new StoreError("Conflict", "Ændret andetsteds"));
    expect(
      (
        await refusal(
          saveComparisons(ports, { weightSet: set.id, judgements: [{ a, b, value: 5 }] }),
        )
      ).kind,
    ).toBe("Conflict");
  });

  test("a secretary who is not a member may not judge", async () => {
    const { ports } = setup();
    const cs = await criteria(ports, 2);
    const set = await openComparison(ports, { title: "Vægte" });
    expect(
      (await refusal(saveComparison(ports, { weightSet: set.id, a: cs[0]!, b: cs[1]!, value: 3 })))
        .code,
    ).toBe("ahp.problem.onlyMembersCompare");
  });

  test("only one comparison may be open at a time", async () => {
    const { ports } = setup();
    await openComparison(ports, { title: "Vægte" });
    expect((await refusal(openComparison(ports, { title: "Igen" }))).code).toBe(
      "ahp.problem.alreadyOpen",
    );
  });
});

describe("comparisons counted by their authors", () => {
  test("105 comparisons in one batch under seven voter ids count once, as the writer's own; the real member saves theirs", async () => {
    const { ports, as, memory } = setup();
    const cs = await criteria(ports, 6);
    const set = await openComparison(ports, { title: "Vægte" });
    // m2 writes straight to the list: 15 pairs under each of seven voter ids, two real.
    as(m2);
    const pairs = cs.flatMap((a, i) => cs.slice(i + 1).map((b) => [a, b] as const));
    const voters = [m2.person.id, member.id, 901, 902, 903, 904, 905];
    const batch = voters.flatMap((voter) =>
      pairs.map(([a, b]) => ({
        title: `${a.title} / ${b.title}`,
        weightSet: { id: set.id, title: set.title },
        criterionA: { id: a.id, title: a.title },
        criterionB: { id: b.id, title: b.title },
        value: 9,
        comparisonKey: comparisonKey(set.id, a.id, b.id, idOf(voter)),
      })),
    );
    expect(batch).toHaveLength(105);
    const written = await ports.repositories.comparisons.addMany(batch);
    expect(written.every((r) => r.ok)).toBe(true);

    // The member whose id was used judges as usual: nothing stands in the way.
    as(m1);
    const before = await loadAhpPage(ports);
    expect(before.pairs.every((p) => p.value === null)).toBe(true);
    await saveComparisons(ports, {
      weightSet: set.id,
      judgements: pairs.map(([a, b]) => ({ a, b, value: -3 })),
    });
    expect(memory.comparisons.all()).toHaveLength(120);
    const mine = await loadAhpPage(ports);
    expect(mine.pairs.every((p) => p.value === -3)).toBe(true);
    expect(mine.irregularities).toEqual([]);

    as(theChair);
    const page = await loadAhpPage(ports);
    expect(page.committeeOf).toBe(2);
    expect(page.members.map((m) => [m.voter.name, m.judged]).sort()).toEqual([
      ["Jonas Lind", 15],
      ["Lise Bech", 15],
    ]);
    expect(page.irregularities).toHaveLength(90);
    expect(new Set(page.irregularities.map((i) => `${i.rule} by ${i.by?.name}`))).toEqual(
      new Set(["comparison.keyMismatch by Lise Bech"]),
    );
    // The real member whose id was used is named; made-up ids are not.
    const claimed = page.irregularities.filter((i) => i.params?.claimedName === "Jonas Lind");
    expect(claimed).toHaveLength(15);
    // The same weights as if only the two members' own judgements had been written.
    const ids = cs.map((c) => c.id);
    const own = (v: number) =>
      buildMatrix(
        ids,
        pairs.map(([a, b]) => ({ a: a.id, b: b.id, value: v })),
      );
    const expected = committeeWeights(
      [own(9), own(-3)].map((b) => {
        if (!b.ok) throw new Error("incomplete");
        return b.value;
      }),
    );
    page.committee!.weights.forEach((x, i) => expect(x).toBeCloseTo(expected.weights[i]!, 10));
  });

  test("a comparison out of range written straight to the list is not counted and is named", async () => {
    const { ports, as, memory } = setup();
    const cs = await criteria(ports, 2);
    const set = await openComparison(ports, { title: "Vægte" });
    as(m1);
    const [saved] = await saveComparisons(ports, {
      weightSet: set.id,
      judgements: [{ a: cs[0]!, b: cs[1]!, value: 3 }],
    });
    // Past the app's validation, as a member's own REST call would write it.
    memory.comparisons.touch(saved!.id, { value: 1_000_000 });
    expect((await loadAhpPage(ports)).committee).toBeNull();
    as(me(secretary, "secretary"));
    const page = await loadAhpPage(ports);
    expect(page.irregularities.map((i) => [i.item, i.rule, i.by?.name, i.params?.value])).toEqual([
      [saved!.id, "comparison.valueOutOfRange", "Jonas Lind", 1_000_000],
    ]);
  });
});

describe("approval", () => {
  test("the chair approves the committee's weights at a meeting, with date and meeting", async () => {
    const { ports, as, memory } = setup();
    const cs = await criteria(ports, 4);
    const [old] = memory.weightSets.seed({
      title: "Vægte 2025",
      weights: [],
      consistencyRatio: null,
      state: "Godkendt",
      approvedAt: "2025-03-01T09:00:00Z",
      meeting: null,
    });
    const set = await openComparison(ports, { title: "Vægte 2027" });
    const [meeting] = memory.meetings.seed({ ...aMeeting({ title: "Styregruppemøde marts" }) });
    as(m1);
    await judge(ports, set.id, cs, LEADER);
    expect(
      (await refusal(approveWeightSet(ports, { weightSet: set.id, meeting: meeting!.id }))).code,
    ).toBe("ahp.problem.onlyChairApproves");

    as(theChair);
    const page = await loadAhpPage(ports);
    expect(page.meetings.map((m) => m.title)).toEqual(["Styregruppemøde marts"]);
    const approved = await approveWeightSet(ports, {
      weightSet: set.id,
      meeting: meeting!.id,
    });
    const stored = memory.weightSets.all().find((w) => w.id === set.id)!;
    expect(stored).toEqual(
      expect.objectContaining({
        state: "Godkendt",
        approvedAt: "2026-03-10T09:30:00.000Z",
        meeting: { id: meeting!.id, title: "Styregruppemøde marts" },
      }),
    );
    expect(stored.weights.map((w) => w.criterion)).toEqual(cs.map((c) => c.id));
    expect(stored.weights.map((w) => w.weight)).toEqual(approved.weights.map((w) => w.weight));
    expect(stored.weights[0]!.weight).toBeCloseTo(0.547, 2);
    expect(stored.consistencyRatio).toBeCloseTo(0.044, 2);
    expect(memory.weightSets.all().find((w) => w.id === old!.id)?.state).toBe("Forældet");

    const after = await loadAhpPage(ports);
    expect(after.open).toBeNull();
    expect(after.approved?.id).toBe(set.id);
  });

  test("nothing to approve before any member has judged every pair", async () => {
    const { ports, as, memory } = setup();
    await criteria(ports, 3);
    const set = await openComparison(ports, { title: "Vægte" });
    const [meeting] = memory.meetings.seed(aMeeting());
    as(theChair);
    expect(
      (await refusal(approveWeightSet(ports, { weightSet: set.id, meeting: meeting!.id }))).code,
    ).toBe("ahp.problem.nothingToApprove");
  });
});
