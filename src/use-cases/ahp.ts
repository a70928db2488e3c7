/**
 * Criteria and weights through the ports: the criteria (at most 7 active), the open weight set
 * members compare against, each member's pairwise judgements stored as `Comparison`s (one per
 * member per pair; the reciprocal is implied), each member's weights and CR, the committee's
 * weights from the geometric mean of the members' matrices, and the chair's approval of a
 * weight set at a meeting.
 *
 * Who may do what: the secretary and the chair keep the criteria and open a comparison; the
 * members and the chair judge pairs; only the chair approves. The chair sees every member's
 * weights; everybody else sees their own and the committee's.
 *
 * Whose judgement a comparison is, is its author (Created By, set by SharePoint), never the
 * voter id in its client-written key. Comparisons are checked when read (`checkComparisons`):
 * one per author and pair counts, by a member of Medlemmer or Formand, with its key naming its
 * author and a Saaty value; the rest is not counted and is shown to the chair and the
 * secretariat as irregular. The Comparisons list has no unique column: a key written by someone
 * else blocks no one, since a member's own comparisons are found by author.
 */
import {
  type AhpResult,
  buildMatrix,
  checkComparisons,
  type CheckedComparisons,
  committeeWeights,
  type ComparisonRule,
  evaluateMatrix,
  isSaatyValue,
  type Judgement,
  MAX_CRITERIA,
  pairKey,
  type PairwiseMatrix,
  toCriterionWeights,
} from "../domain/ahp.js";
import type { Clock } from "../domain/clock.js";
import { ok, type Person } from "../domain/common.js";
import type { CriterionId, MeetingId, PersonId, Version, WeightSetId } from "../domain/ids.js";
import type { Irregularity } from "../domain/irregularities.js";
import type { Meeting } from "../domain/meetings.js";
import {
  type Comparison,
  comparisonKey,
  type Criterion,
  type CriterionDraft,
  type WeightSet,
} from "../domain/prioritization.js";
import { type Outcome, refuse } from "../domain/problems.js";
import { hasRole, type Me } from "../domain/roles.js";
import type { CurrentUser, SitePeople } from "../ports/current-user.js";
import type { Repositories } from "../ports/repositories.js";
import { readVoterRoster, type VoterRoster } from "./voters.js";

export interface AhpPorts {
  repositories: Repositories;
  currentUser: CurrentUser;
  clock: Clock;
  /** The site groups: a comparison counts only when its author is in Medlemmer or Formand. */
  people: SitePeople;
}

/** Why a criteria or weights action is refused (the i18n keys of the words, in ahp.*.json). */
export type AhpProblem =
  | "ahp.problem.onlyManagersEditCriteria"
  | "ahp.problem.tooManyActive"
  | "ahp.problem.onlyManagersOpen"
  | "ahp.problem.alreadyOpen"
  | "ahp.problem.onlyMembersCompare"
  | "ahp.problem.notOpen"
  | "ahp.problem.onlyChairApproves"
  | "ahp.problem.nothingToApprove";

export function mayManageCriteria(me: Me): boolean {
  return hasRole(me, "chair") || hasRole(me, "secretary");
}

export function mayCompare(me: Me): boolean {
  return hasRole(me, "chair") || hasRole(me, "member");
}

export function mayApprove(me: Me): boolean {
  return hasRole(me, "chair");
}

/** A pair of active criteria in the page's order (a before b). */
export interface CriteriaPair {
  a: Criterion;
  b: Criterion;
  /** The signed Saaty value as judged (positive favours a), or null when not judged yet. */
  value: number | null;
}

export interface MemberWeights {
  voter: Person;
  own: boolean;
  judged: number;
  needed: number;
  /** Weights and CR once every pair is judged. */
  result: AhpResult | null;
}

export interface AhpPage {
  me: Me;
  /** Every criterion, active first, then by sort order and title. */
  criteria: Criterion[];
  active: Criterion[];
  /** The weight set open for comparison (state "Til sammenligning"), if any. */
  open: WeightSet | null;
  /** The most recently approved weight set, if any. */
  approved: WeightSet | null;
  /** My judgements over the active criteria, one per pair. */
  pairs: CriteriaPair[];
  /** The members' weights the user may see (the chair: all; others: their own). */
  members: MemberWeights[];
  /** The committee's weights from the members with every pair judged. */
  committee: AhpResult | null;
  /** How many members' matrices the committee's weights are made of. */
  committeeOf: number;
  /** Meetings to approve at (only read for the chair). */
  meetings: Meeting[];
  /**
   * The open weight set's comparisons that are not counted, with why and who wrote them: for
   * the chair and the secretariat; empty for anyone else.
   */
  irregularities: Irregularity<ComparisonRule>[];
}

function byOrder(x: Criterion, y: Criterion): number {
  if (x.active !== y.active) return x.active ? -1 : 1;
  const sx = x.sortOrder ?? Number.MAX_SAFE_INTEGER;
  const sy = y.sortOrder ?? Number.MAX_SAFE_INTEGER;
  return sx !== sy ? sx - sy : x.title.localeCompare(y.title, "da");
}

/** A stored comparison as a judgement of the pair (a, b) in that orientation. */
function oriented(c: Comparison, a: CriterionId): number {
  const v = c.criterionA?.id === a ? c.value : -c.value;
  return Math.abs(v) === 1 ? 1 : v;
}

function judgementsOver(active: readonly Criterion[], comparisons: readonly Comparison[]) {
  const ids = new Set(active.map((c) => c.id));
  const judgements: Judgement[] = [];
  for (const c of comparisons) {
    if (!c.criterionA || !c.criterionB) continue;
    if (!ids.has(c.criterionA.id) || !ids.has(c.criterionB.id)) continue;
    judgements.push({ a: c.criterionA.id, b: c.criterionB.id, value: c.value });
  }
  return judgements;
}

function matrixOf(active: readonly Criterion[], comparisons: readonly Comparison[]) {
  const built = buildMatrix(
    active.map((c) => c.id),
    judgementsOver(active, comparisons),
  );
  return built.ok ? built.value : null;
}

/**
 * Names the voter a mis-keyed comparison claims to be (when the roster knows them), so the
 * chair reads whose name was used.
 */
function named(
  irregular: readonly Irregularity<ComparisonRule>[],
  voters: VoterRoster,
): Irregularity<ComparisonRule>[] {
  return irregular.map((i) => {
    const claimed = i.params?.claimed;
    const who = typeof claimed === "number" ? voters.people.get(claimed as PersonId) : undefined;
    return who ? { ...i, params: { ...i.params, claimedName: who.name } } : i;
  });
}

export async function loadAhpPage(ports: AhpPorts): Promise<AhpPage> {
  const { repositories } = ports;
  const me = await ports.currentUser.me();
  const [criteria, weightSets, voters] = await Promise.all([
    repositories.criteria.list(),
    repositories.weightSets.list(),
    readVoterRoster(ports.people),
  ]);
  criteria.sort(byOrder);
  const active = criteria.filter((c) => c.active);
  const latest = (state: WeightSet["state"]) =>
    weightSets
      .filter((w) => w.state === state)
      .sort((x, y) => (x.approvedAt ?? x.created).localeCompare(y.approvedAt ?? y.created))
      .at(-1) ?? null;
  const open = latest("Til sammenligning");
  const approved = latest("Godkendt");
  const comparisons = open
    ? await repositories.comparisons.list({ where: { weightSet: open.id } })
    : [];
  const meetings = mayApprove(me) ? await repositories.meetings.list() : [];
  const checked: CheckedComparisons = open
    ? checkComparisons(open.id, comparisons, voters.roster)
    : { valid: [], irregular: [], own: new Map() };

  const byVoter = new Map<PersonId, { voter: Person; comparisons: Comparison[] }>();
  for (const c of checked.valid) {
    if (!c.createdBy) continue;
    const entry = byVoter.get(c.createdBy.id) ?? { voter: c.createdBy, comparisons: [] };
    entry.comparisons.push(c);
    byVoter.set(c.createdBy.id, entry);
  }

  const needed = (active.length * (active.length - 1)) / 2;
  const everyone: MemberWeights[] = [];
  const matrices: PairwiseMatrix[] = [];
  for (const [id, entry] of byVoter) {
    const matrix = active.length > 1 ? matrixOf(active, entry.comparisons) : null;
    if (matrix) matrices.push(matrix);
    everyone.push({
      voter: entry.voter,
      own: id === me.person.id,
      judged: judgementsOver(active, entry.comparisons).length,
      needed,
      result: matrix ? evaluateMatrix(matrix) : null,
    });
  }
  everyone.sort((x, y) =>
    x.own !== y.own ? (x.own ? -1 : 1) : x.voter.name.localeCompare(y.voter.name, "da"),
  );
  const members = mayApprove(me) ? everyone : everyone.filter((m) => m.own);

  // My own judgements, found by author: the one of each pair that is mine (shown when it holds
  // a Saaty value; one written outside the app with another value is shown as not judged).
  const mine = checked.own.get(me.person.id);
  const pairs: CriteriaPair[] = [];
  active.forEach((a, i) =>
    active.slice(i + 1).forEach((b) => {
      const c = mine?.get(pairKey(a.id, b.id));
      pairs.push({ a, b, value: c && isSaatyValue(c.value) ? oriented(c, a.id) : null });
    }),
  );

  return {
    me,
    criteria,
    active,
    open,
    approved,
    pairs,
    members,
    committee: matrices.length > 0 ? committeeWeights(matrices) : null,
    committeeOf: matrices.length,
    meetings,
    irregularities: mayManageCriteria(me) ? named(checked.irregular, voters) : [],
  };
}

/** Adds a criterion, or updates one (with the version it was read at). */
export async function saveCriterion(
  ports: AhpPorts,
  request: { draft: CriterionDraft; id?: CriterionId; version?: Version },
): Promise<Outcome<Criterion, AhpProblem>> {
  const me = await ports.currentUser.me();
  if (!mayManageCriteria(me)) return refuse("ahp.problem.onlyManagersEditCriteria");
  const { criteria } = ports.repositories;
  const { draft, id, version } = request;
  if (draft.active) {
    const others = await criteria.list({ where: { active: true } });
    if (others.filter((c) => c.id !== id).length >= MAX_CRITERIA) {
      return refuse("ahp.problem.tooManyActive", { max: MAX_CRITERIA }, "active");
    }
  }
  if (id === undefined) return ok(await criteria.add(draft));
  if (version === undefined) throw new Error("saveCriterion: an update needs the version");
  const newVersion = await criteria.update({ ...draft, id, version });
  return ok({ ...(await criteria.get(id)), version: newVersion });
}

/** Opens a new weight set for the members to compare in; only one may be open at a time. */
export async function openComparison(
  ports: AhpPorts,
  request: { title: string },
): Promise<Outcome<WeightSet, AhpProblem>> {
  const me = await ports.currentUser.me();
  if (!mayManageCriteria(me)) return refuse("ahp.problem.onlyManagersOpen");
  const { weightSets } = ports.repositories;
  const open = await weightSets.list({ where: { state: "Til sammenligning" } });
  if (open.length > 0) return refuse("ahp.problem.alreadyOpen");
  const added = await weightSets.add({
    title: request.title.trim(),
    weights: [],
    consistencyRatio: null,
    state: "Til sammenligning",
    approvedAt: null,
    meeting: null,
  });
  return ok(added);
}

/** One judgement as the page gives it: a signed Saaty value, positive favours `a`. */
export interface PairJudgement {
  a: Criterion;
  b: Criterion;
  value: number;
}

/**
 * Stores my judgements of pairs: one Comparison per member per pair (my own, the first I
 * authored of the pair), updated when I change my mind; stored with the lower criterion id
 * first. Read once, then written in two batches (new pairs added, changed pairs updated). A part that fails is rejected with its StoreError after
 * the other parts are written (they are not repeated on a retry, as they no longer differ).
 */
export async function saveComparisons(
  ports: AhpPorts,
  request: { weightSet: WeightSetId; judgements: readonly PairJudgement[] },
): Promise<Outcome<Comparison[], AhpProblem>> {
  const me = await ports.currentUser.me();
  if (!mayCompare(me)) return refuse("ahp.problem.onlyMembersCompare");
  const { repositories } = ports;
  const set = await repositories.weightSets.get(request.weightSet);
  if (set.state !== "Til sammenligning") return refuse("ahp.problem.notOpen");
  const drafts = request.judgements.map((j) => {
    const swap = j.b.id < j.a.id;
    const [lo, hi] = swap ? [j.b, j.a] : [j.a, j.b];
    const signed = swap ? -j.value : j.value;
    return {
      title: `${lo.title} / ${hi.title}`.slice(0, 255),
      weightSet: { id: set.id, title: set.title },
      criterionA: { id: lo.id, title: lo.title },
      criterionB: { id: hi.id, title: hi.title },
      value: Math.abs(signed) === 1 ? 1 : signed,
      comparisonKey: comparisonKey(set.id, lo.id, hi.id, me.person.id),
    };
  });
  const keys = drafts.map((d) => d.comparisonKey);
  if (new Set(keys).size !== keys.length) {
    throw new Error("saveComparisons: a pair is given more than once");
  }
  // My own comparison of each pair is the first one I wrote (found by author, not by key: a key
  // someone else wrote under my id is not mine and must not stop me).
  const stored = await repositories.comparisons.list({ where: { weightSet: set.id } });
  const existing = new Map<string, Comparison>();
  for (const c of [...stored].sort(
    (x, y) => Date.parse(x.created) - Date.parse(y.created) || x.id - y.id,
  )) {
    if (c.createdBy?.id !== me.person.id || !c.criterionA || !c.criterionB) continue;
    const key = comparisonKey(set.id, c.criterionA.id, c.criterionB.id, me.person.id);
    if (!existing.has(key)) existing.set(key, c);
  }
  const toAdd = drafts.filter((d) => !existing.has(d.comparisonKey));
  const toUpdate = drafts.flatMap((d) => {
    const e = existing.get(d.comparisonKey);
    return e ? [{ ...d, id: e.id, version: e.version }] : [];
  });
  const [added, updated] = await Promise.all([
    toAdd.length > 0 ? repositories.comparisons.addMany(toAdd) : Promise.resolve([]),
    toUpdate.length > 0 ? repositories.comparisons.updateMany(toUpdate) : Promise.resolve([]),
  ]);
  const failed = [...added, ...updated].find((r) => !r.ok);
  if (failed && !failed.ok) throw failed.error;
  const saved: Comparison[] = [];
  added.forEach((r) => {
    if (r.ok) saved.push(r.value);
  });
  updated.forEach((r, i) => {
    const u = toUpdate[i];
    const e = u ? existing.get(u.comparisonKey) : undefined;
    if (r.ok && u && e) saved.push({ ...e, ...u, version: r.value });
  });
  return ok(saved);
}

/** Stores my judgement of one pair (see `saveComparisons`). */
export async function saveComparison(
  ports: AhpPorts,
  request: { weightSet: WeightSetId } & PairJudgement,
): Promise<Outcome<Comparison, AhpProblem>> {
  const { weightSet, ...judgement } = request;
  const r = await saveComparisons(ports, { weightSet, judgements: [judgement] });
  if (!r.ok) return r;
  const [saved] = r.value;
  if (!saved) throw new Error("saveComparison: nothing saved");
  return ok(saved);
}

/**
 * The chair approves the open weight set at a meeting: it stores the committee's weights and
 * CR with the date and the meeting; the earlier approved set becomes "Forældet".
 */
export async function approveWeightSet(
  ports: AhpPorts,
  request: { weightSet: WeightSetId; meeting: MeetingId },
): Promise<Outcome<WeightSet, AhpProblem>> {
  const me = await ports.currentUser.me();
  if (!mayApprove(me)) return refuse("ahp.problem.onlyChairApproves");
  const page = await loadAhpPage(ports);
  const { repositories } = ports;
  if (!page.open || page.open.id !== request.weightSet) return refuse("ahp.problem.notOpen");
  if (!page.committee) return refuse("ahp.problem.nothingToApprove");
  const meeting = await repositories.meetings.get(request.meeting);
  const approved: WeightSet = {
    ...page.open,
    weights: toCriterionWeights(page.committee),
    consistencyRatio: page.committee.cr,
    state: "Godkendt",
    approvedAt: ports.clock.now().toISOString(),
    meeting: { id: meeting.id, title: meeting.title },
  };
  const version = await repositories.weightSets.update(approved);
  const earlier = (await repositories.weightSets.list({ where: { state: "Godkendt" } })).filter(
    (w) => w.id !== approved.id,
  );
  if (earlier.length > 0) {
    await repositories.weightSets.updateMany(
      earlier.map((w) => ({ ...w, state: "Forældet" as const })),
    );
  }
  return ok({ ...approved, version });
}
