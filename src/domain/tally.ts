/**
 * Priority rounds: what a ballot may contain for each method, whether it may be cast now, which
 * stored ballots count (read-time checks from the facts the server sets), the aggregate results
 * with the spread between members, turnout, and the result frozen at close.
 *
 * Kriteriescore levels are stored as 0..4: ingen 0, lav 1, moderat 2, stærk 3, ekstrem 4.
 * "Ikke vurderet" is the absence of the criterion's key in `criterionScores`, never 0, so it
 * does not pull a candidate's average down; it is left out of every average.
 *
 * Who a ballot belongs to is its author (SharePoint's Author, `createdBy`), never the voter or
 * the key written on it: those are claims, checked against the author. Every ballot is checked
 * when it is read by the same rules as when it is saved (`ballotPayloadProblems`), and a ballot
 * that fails is not counted: it becomes an `Irregularity` naming who wrote it.
 */
import type { Person } from "./common.js";
import type { BallotId, CriterionId, InitiativeId, PersonId, Version } from "./ids.js";
import {
  type Irregularity,
  type IrregularityParams,
  sortIrregularities,
} from "./irregularities.js";
import {
  type Ballot,
  type BallotEntry,
  ballotKey,
  type BallotPayload,
  type CriterionWeight,
  type Round,
} from "./prioritization.js";
import { type Problem, problem } from "./problems.js";
import type { Role, Roster } from "./roles.js";
import type { VotingMethod } from "./vocabulary.js";

export const LEVELS = ["ingen", "lav", "moderat", "stærk", "ekstrem"] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_MIN = 0;
export const LEVEL_MAX = LEVELS.length - 1;
/** Shown for a criterion a member left unrated. */
export const NOT_RATED = "ikke vurderet";

/** The roles that cast ballots and compare criteria: the site groups Medlemmer and Formand. */
export const VOTER_ROLES: readonly Role[] = ["member", "chair"];

/** Whether the roster says this person may vote (Medlemmer or Formand). */
export function isVoter(roster: Roster, person: PersonId): boolean {
  return roster.rolesOf(person).some((r) => VOTER_ROLES.includes(r));
}

/** What the round's method needs besides the ballot itself. */
export interface BallotRules {
  /** Kriteriescore: the criteria of the round's weight set. */
  criteria?: readonly CriterionId[];
  /** Budget: each candidate's cost in DKK. */
  costs?: ReadonlyMap<InitiativeId, number>;
}

/** What saving a ballot needs: the rules and the time, to tell whether the round is open. */
export interface BallotContext extends BallotRules {
  now: Date;
}

/** Whether a ballot can be saved: fine, or the problems (codes, worded in rounds.*.json). */
export type BallotCheck = { ok: true } | { ok: false; problems: Problem[] };

/** Why a round takes no ballots now (the i18n keys of the words). */
export type RoundClosedCode =
  "rounds.problem.roundNotOpen" | "rounds.problem.notOpenedYet" | "rounds.problem.roundClosed";

/** Whether the round takes ballots at `now`: open, opened, not yet closed. */
export function roundAcceptsBallots(round: Round, now: Date): BallotCheck {
  const refused = (p: Problem<RoundClosedCode>): BallotCheck => ({ ok: false, problems: [p] });
  if (round.state !== "Åben") {
    return refused(
      problem(
        "rounds.problem.roundNotOpen",
        { state: { code: `rounds.states.${round.state}` } },
        "round",
      ),
    );
  }
  if (round.opens && now.getTime() < Date.parse(round.opens)) {
    return refused(problem("rounds.problem.notOpenedYet", undefined, "round"));
  }
  if (round.closes && now.getTime() >= Date.parse(round.closes)) {
    return refused(problem("rounds.problem.roundClosed", undefined, "round"));
  }
  return { ok: true };
}

// ---------------------------------------------------------------- A ballot's content

/** What can be wrong with a ballot's content, as a stable code (the UI translates it). */
export type BallotPayloadCode =
  | "ballot.malformed"
  | "ballot.notCandidate"
  | "ballot.duplicateCandidate"
  | "ballot.unknownCriterion"
  | "ballot.scoreOutOfRange"
  | "ballot.rankMissing"
  | "ballot.ranksNotConsecutive"
  | "ballot.pointsInvalid"
  | "ballot.pointsOverLimit"
  | "ballot.noPrice"
  | "ballot.overBudget"
  | "ballot.objectionWithoutReason";

export interface BallotPayloadProblem {
  code: BallotPayloadCode;
  params: IrregularityParams;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const isFiniteNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
const isInstant = (v: unknown): v is string =>
  typeof v === "string" && v !== "" && !Number.isNaN(Date.parse(v));
/** A stored value as a message parameter, whatever its type. */
const shown = (v: unknown): string | number =>
  typeof v === "number" ? v : v === undefined ? "" : JSON.stringify(v);

/**
 * Whether a stored payload has the shape of a ballot: an object (not marked unreadable by the
 * store) whose `entries` is a list of objects, each with a candidate id (a positive integer),
 * `criterionScores` an object if present and `objection` a text if present. Numbers are
 * checked by the method's rules.
 */
export function isWellFormedPayload(payload: unknown): payload is BallotPayload {
  if (!isObject(payload) || payload.unreadable === true) return false;
  const { entries } = payload;
  if (!Array.isArray(entries)) return false;
  return entries.every(
    (e) =>
      isObject(e) &&
      Number.isInteger(e.candidate) &&
      (e.candidate as number) > 0 &&
      (e.criterionScores === undefined || isObject(e.criterionScores)) &&
      (e.objection === undefined || typeof e.objection === "string"),
  );
}

function kriteriescoreProblems(
  entries: readonly BallotEntry[],
  rules: BallotRules,
): BallotPayloadProblem[] {
  if (!rules.criteria) throw new Error("Kriteriescore needs the weight set's criteria");
  const criteria = new Set<number>(rules.criteria);
  const problems: BallotPayloadProblem[] = [];
  for (const e of entries) {
    for (const [key, level] of Object.entries(e.criterionScores ?? {})) {
      if (!criteria.has(Number(key))) {
        problems.push({
          code: "ballot.unknownCriterion",
          params: { candidate: e.candidate, criterion: key },
        });
      } else if (!Number.isInteger(level) || level < LEVEL_MIN || level > LEVEL_MAX) {
        problems.push({
          code: "ballot.scoreOutOfRange",
          params: {
            candidate: e.candidate,
            criterion: key,
            value: shown(level),
            min: LEVEL_MIN,
            max: LEVEL_MAX,
          },
        });
      }
    }
  }
  return problems;
}

function rangordningProblems(entries: readonly BallotEntry[]): BallotPayloadProblem[] {
  const missing = entries.find((e) => !Number.isInteger(e.rank));
  if (missing) {
    return [
      {
        code: "ballot.rankMissing",
        params: { candidate: missing.candidate, value: shown(missing.rank) },
      },
    ];
  }
  const sorted = entries.map((e) => e.rank as number).sort((a, b) => a - b);
  return sorted.some((r, i) => r !== i + 1)
    ? [{ code: "ballot.ranksNotConsecutive", params: { ranks: sorted.join(", ") } }]
    : [];
}

function prikkerProblems(entries: readonly BallotEntry[], round: Round): BallotPayloadProblem[] {
  const max = round.settings.pointsPerMember;
  if (max === undefined) throw new Error("Prikker needs settings.pointsPerMember");
  const invalid = entries.find((e) => !isCount(e.points));
  if (invalid) {
    return [
      {
        code: "ballot.pointsInvalid",
        params: { candidate: invalid.candidate, value: shown(invalid.points) },
      },
    ];
  }
  const total = entries.reduce((s, e) => s + (e.points ?? 0), 0);
  return total > max ? [{ code: "ballot.pointsOverLimit", params: { total, max } }] : [];
}

function budgetProblems(
  entries: readonly BallotEntry[],
  round: Round,
  rules: BallotRules,
): BallotPayloadProblem[] {
  const max = round.settings.budgetPerMember;
  if (max === undefined) throw new Error("Budget needs settings.budgetPerMember");
  if (!rules.costs) throw new Error("Budget needs the candidates' costs");
  const problems: BallotPayloadProblem[] = [];
  let total = 0;
  for (const e of entries) {
    const cost = rules.costs.get(e.candidate);
    if (cost === undefined) {
      problems.push({ code: "ballot.noPrice", params: { candidate: e.candidate } });
    } else total += cost;
  }
  if (total > max) {
    problems.push({ code: "ballot.overBudget", params: { total, max, over: total - max } });
  }
  return problems;
}

function samtykkeProblems(entries: readonly BallotEntry[]): BallotPayloadProblem[] {
  const blank = entries.find((e) => e.objection !== undefined && e.objection.trim() === "");
  return blank
    ? [{ code: "ballot.objectionWithoutReason", params: { candidate: blank.candidate } }]
    : [];
}

/**
 * What is wrong with a ballot's content for its round, the same rules when it is saved and when
 * it is counted: the payload is well formed, every entry is one of the round's candidates
 * (once), and the numbers fit the round's method (levels 0..4 for criteria of the weight set;
 * ranks 1, 2, 3 … without gaps; whole dots within the points per member; picks with a price
 * within the budget per member; an objection with a reason). Empty when it is fine. A method
 * setting the round lacks is a programmer error (thrown).
 */
export function ballotPayloadProblems(
  round: Round,
  payload: unknown,
  rules: BallotRules,
): BallotPayloadProblem[] {
  if (!isWellFormedPayload(payload)) return [{ code: "ballot.malformed", params: {} }];
  const problems: BallotPayloadProblem[] = [];
  const candidates = new Set<number>(round.candidates.map((c) => c.id));
  const seen = new Set<number>();
  for (const e of payload.entries) {
    if (!candidates.has(e.candidate)) {
      problems.push({ code: "ballot.notCandidate", params: { candidate: e.candidate } });
    }
    if (seen.has(e.candidate)) {
      problems.push({ code: "ballot.duplicateCandidate", params: { candidate: e.candidate } });
    }
    seen.add(e.candidate);
  }
  switch (round.method) {
    case "Kriteriescore":
      problems.push(...kriteriescoreProblems(payload.entries, rules));
      break;
    case "Rangordning":
      problems.push(...rangordningProblems(payload.entries));
      break;
    case "Prikker":
      problems.push(...prikkerProblems(payload.entries, round));
      break;
    case "Budget":
      problems.push(...budgetProblems(payload.entries, round, rules));
      break;
    case "Samtykke":
      problems.push(...samtykkeProblems(payload.entries));
      break;
  }
  return problems;
}

/** Plain Danish thousands separators, without relying on the runtime's locale data. */
export function formatDkk(amount: number): string {
  const sign = amount < 0 ? "-" : "";
  const digits = Math.round(Math.abs(amount)).toString();
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ".")} kr.`;
}

/**
 * A ballot content problem as the problem a member sees when saving: `rounds.problem.<code>`
 * (e.g. `rounds.problem.ballot.pointsOverLimit`) with the same parameters.
 */
export function ballotSaveProblem({ code, params }: BallotPayloadProblem): Problem {
  return problem(`rounds.problem.${code}`, params, "payload");
}

/**
 * A ballot's payload against its round when it is saved: the round takes ballots now, and
 * `ballotPayloadProblems` finds nothing. Problems are codes (see ballotSaveProblem).
 */
export function validateBallotForRound(
  round: Round,
  payload: BallotPayload,
  ctx: BallotContext,
): BallotCheck {
  const accepts = roundAcceptsBallots(round, ctx.now);
  if (!accepts.ok) return accepts;
  const problems = ballotPayloadProblems(round, payload, ctx).map(ballotSaveProblem);
  return problems.length ? { ok: false, problems } : { ok: true };
}

// ---------------------------------------------------------------- Results

/** How far members' values for one candidate lie apart. */
export interface Spread {
  /** How many members' values it is over. */
  count: number;
  mean: number;
  /** Population standard deviation. */
  stdDev: number;
  min: number;
  max: number;
  /** Interquartile range, quartiles by linear interpolation. */
  iqr: number;
}

function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? 0;
  const b = sorted[hi] ?? 0;
  return a + (b - a) * (pos - lo);
}

export function spreadOf(values: readonly number[]): Spread | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
  return {
    count: values.length,
    mean,
    stdDev: Math.sqrt(variance),
    min: sorted[0] ?? 0,
    max: sorted[sorted.length - 1] ?? 0,
    iqr: quantile(sorted, 0.75) - quantile(sorted, 0.25),
  };
}

export interface CandidateResult {
  candidate: InitiativeId;
  /** The method's total: weighted score 0..1, Borda points, dots, picks or objections. */
  value: number;
  /** Share of the round's total value, in percent; the round's shares sum to 100. */
  share: number;
  /** Competition ranking: equal values share a place (1, 2, 2, 4). */
  place: number;
  /** Members' individual values for this candidate. */
  spread: Spread | null;
}

export interface RoundResult {
  method: Round["method"];
  /** Best first; equal values keep the round's candidate order. */
  candidates: CandidateResult[];
  ballotsCounted: number;
}

/** One value per candidate per member; a candidate a member left out has no value. */
type MemberValues = Map<InitiativeId, number>;

function kriteriescoreValues(
  entries: readonly BallotEntry[],
  weights: readonly CriterionWeight[],
): MemberValues {
  const out: MemberValues = new Map();
  for (const e of entries) {
    const v = weightedScore([e.criterionScores ?? {}], weights);
    if (v !== null) out.set(e.candidate, v);
  }
  return out;
}

/**
 * A candidate's weighted score, 0..1: for each criterion the mean level of those who rated it,
 * over the maximum level, weighted; criteria nobody rated are left out and the remaining
 * weights rescaled, so a gap is not read as "ingen". Null when nothing was rated.
 */
export function weightedScore(
  ratings: readonly Readonly<Record<string, number>>[],
  weights: readonly CriterionWeight[],
): number | null {
  let sum = 0;
  let weightRated = 0;
  for (const { criterion, weight } of weights) {
    const levels = ratings.flatMap((r) => {
      const v = r[String(criterion)];
      return v === undefined ? [] : [v];
    });
    if (levels.length === 0) continue;
    const mean = levels.reduce((s, v) => s + v, 0) / levels.length;
    sum += weight * (mean / LEVEL_MAX);
    weightRated += weight;
  }
  return weightRated > 0 ? sum / weightRated : null;
}

/** Borda: with m candidates, first place gets m − 1 points, last 0; an unranked one gets 0. */
function bordaValues(entries: readonly BallotEntry[], m: number): MemberValues {
  const out: MemberValues = new Map();
  for (const e of entries) if (e.rank !== undefined) out.set(e.candidate, m - e.rank);
  return out;
}

function memberValues(
  round: Round,
  entries: readonly BallotEntry[],
  weights: readonly CriterionWeight[],
): MemberValues {
  const m = round.candidates.length;
  switch (round.method) {
    case "Kriteriescore":
      return kriteriescoreValues(entries, weights);
    case "Rangordning": {
      const ranked = bordaValues(entries, m);
      // A member who ranked only some gave the rest 0 points: that is a value, not a gap.
      return new Map(round.candidates.map((c) => [c.id, ranked.get(c.id) ?? 0]));
    }
    case "Prikker":
      return new Map(
        round.candidates.map((c) => [c.id, entries.find((e) => e.candidate === c.id)?.points ?? 0]),
      );
    case "Budget":
      return new Map(
        round.candidates.map((c) => [c.id, entries.some((e) => e.candidate === c.id) ? 1 : 0]),
      );
    case "Samtykke":
      return new Map(
        round.candidates.map((c) => [
          c.id,
          entries.some((e) => e.candidate === c.id && e.objection !== undefined) ? 1 : 0,
        ]),
      );
  }
}

/**
 * The round's aggregate result from the ballots that count (the `valid` of
 * `checkRoundBallots`: one per voter, each checked; the tally does not check them again).
 * Kriteriescore averages the members' levels per criterion (unrated left out) and weights
 * them; the others add up Borda points, dots, budget picks or objections. Ballots of another
 * round are left out. Samtykke ranks fewest objections first.
 */
export function tallyRound(
  round: Round,
  ballots: readonly Ballot[],
  weights: readonly CriterionWeight[] = [],
): RoundResult {
  if (round.method === "Kriteriescore" && weights.length === 0) {
    throw new Error("Kriteriescore needs the weight set's weights");
  }
  const counted = ballots.filter((b) => b.round?.id === round.id);
  const perMember = counted.map((b) => memberValues(round, b.payload.entries, weights));
  const values = round.candidates.map((c) => {
    const own = perMember.flatMap((m) => {
      const v = m.get(c.id);
      return v === undefined ? [] : [v];
    });
    let value: number;
    if (round.method === "Kriteriescore") {
      const ratings = counted.flatMap((b) =>
        b.payload.entries.filter((e) => e.candidate === c.id).map((e) => e.criterionScores ?? {}),
      );
      value = weightedScore(ratings, weights) ?? 0;
    } else {
      value = own.reduce((s, v) => s + v, 0);
    }
    return { candidate: c.id, value, spread: spreadOf(own) };
  });
  const total = values.reduce((s, v) => s + v.value, 0);
  const better =
    round.method === "Samtykke" ? (a: number, b: number) => a < b : (a: number, b: number) => a > b;
  const results: CandidateResult[] = values.map((v) => ({
    ...v,
    share: total > 0 ? (100 * v.value) / total : 0,
    place: 1 + values.filter((o) => better(o.value, v.value)).length,
  }));
  results.sort((a, b) => a.place - b.place);
  return { method: round.method, candidates: results, ballotsCounted: counted.length };
}

// ---------------------------------------------------------------- Which ballots count

/** Why a stored ballot is not counted, as a stable code (the UI translates it). */
export type BallotRule =
  | BallotPayloadCode
  /** It names no round, or a round that does not exist. */
  | "ballot.noRound"
  /** The server did not say who wrote it. */
  | "ballot.noAuthor"
  /** Its author is not in Medlemmer or Formand. */
  | "ballot.authorNotVoter"
  /** It names another voter than its author (a ballot in someone else's name). */
  | "ballot.voterMismatch"
  /** Its key is not `<round>:<author>`. */
  | "ballot.keyMismatch"
  /** Created before the round was open. */
  | "ballot.createdBeforeOpen"
  /** Created when the round was closed. */
  | "ballot.createdAfterClose"
  /** A second ballot by the same author in the round; the first one is theirs. */
  | "ballot.extra"
  /** Last saved by someone else than its author. */
  | "ballot.editedByOther"
  /** Counted at close and changed since (another version, or modified after the close). */
  | "ballot.changedAfterClose"
  /** Counted at close and gone since. */
  | "ballot.deletedAfterClose"
  /** Would count now, but the result stored at close did not count it. */
  | "ballot.notCountedAtClose"
  /**
   * The round lacks what its method needs to check a ballot (the weight set's criteria, the
   * points or the budget per member), so no ballot of it can count.
   */
  | "ballot.roundNotCountable";

/** A ballot the stored result counted, with the version it was counted at (its ETag). */
export interface CountedBallot {
  id: BallotId;
  version: Version;
}

/** The facts a round's ballots are checked against. */
export interface BallotFacts extends BallotRules {
  /** Who holds which site role (Medlemmer, Formand), from the site groups. */
  roster: Roster;
  /**
   * When the round was closed, as the server recorded it (see `StoredRoundResult.closedAt`);
   * null while the round is open.
   */
  closedAt: string | null;
  /**
   * The ballots the stored result counted; null when there is none, or when the reader does not
   * read every ballot (a member reads only their own, so a missing ballot is not a deleted one).
   */
  counted: readonly CountedBallot[] | null;
}

export interface CheckedBallots {
  /** The ballots that count: at most one per voter, every check passed. */
  valid: Ballot[];
  irregular: Irregularity<BallotRule>[];
  /**
   * Each voter's own ballot: the first they created in the voting window under their own name
   * and key, whether it counts or not. The app edits this one; any later one is `extra`.
   */
  own: ReadonlyMap<PersonId, Ballot>;
}

/**
 * When a round took ballots: from the later of its creation (the app opens a round by creating
 * it as Åben) and its Åbner time, until its Lukker time or its close, whichever comes first. A
 * round still in Kladde never took any (`from` is +∞). SharePoint records times to the second:
 * an item created in the same second as the close (the round's Modified) counts as before it,
 * so a ballot read by the close itself is not refused; a later change shows in its version.
 */
export function votingWindow(
  round: Round,
  closedAt: string | null,
): { from: number; closes: number; closedAt: number; isAfter(t: string): boolean } {
  const from =
    round.state === "Kladde"
      ? Infinity
      : Math.max(Date.parse(round.created), round.opens ? Date.parse(round.opens) : -Infinity);
  const closes = round.closes ? Date.parse(round.closes) : Infinity;
  const closed = closedAt ? Date.parse(closedAt) : Infinity;
  return {
    from,
    closes,
    closedAt: closed,
    isAfter: (t) => Date.parse(t) >= closes || Date.parse(t) > closed,
  };
}

const iso = (t: number): string | null => (Number.isFinite(t) ? new Date(t).toISOString() : null);

/** Earliest created first; the lower id on a tie. */
function byCreation(a: { created: string; id: number }, b: { created: string; id: number }) {
  return Date.parse(a.created) - Date.parse(b.created) || a.id - b.id;
}

/** Whether the round has what its method needs to check a ballot's content. */
export function isCountable(round: Round, rules: BallotRules): boolean {
  switch (round.method) {
    case "Kriteriescore":
      return (rules.criteria?.length ?? 0) > 0;
    case "Prikker":
      return isCount(round.settings.pointsPerMember);
    case "Budget":
      return isFiniteNumber(round.settings.budgetPerMember) && rules.costs !== undefined;
    default:
      return true;
  }
}

/**
 * One irregularity per code for an item: the first problem's parameters, with `count` when the
 * code came up more than once.
 */
export function oncePerCode<Code extends string>(
  problems: readonly { code: Code; params: IrregularityParams }[],
): { code: Code; params: IrregularityParams }[] {
  const out = new Map<Code, { code: Code; params: IrregularityParams; count: number }>();
  for (const p of problems) {
    const have = out.get(p.code);
    if (have) have.count++;
    else out.set(p.code, { ...p, count: 1 });
  }
  return [...out.values()].map(({ code, params, count }) => ({
    code,
    params: count > 1 ? { ...params, count } : params,
  }));
}

/**
 * Which of a round's stored ballots count, from the facts the server sets, in this order:
 * 1. who: its author (Author) is known and in Medlemmer or Formand, the voter it names is its
 *    author, and its key is `<round>:<author>`; otherwise it counts for no one and blocks no one;
 * 2. when: created while the round was open (`votingWindow`);
 * 3. one per voter: the first such ballot by an author (earliest Created, lower id on a tie) is
 *    theirs, any later one is `extra`;
 * 4. that ballot counts if last saved by its author, its content passes the same rules as when
 *    saved (`ballotPayloadProblems`; none can when the round lacks what its method needs), and, once the round is closed, it was not changed after
 *    the close: with a stored result, it is the version that was counted; a counted ballot that
 *    is gone is `deletedAfterClose`, and one that would count but was not is
 *    `notCountedAtClose`.
 * `by` is the author, or the last editor for a change (`editedByOther`, `changedAfterClose`).
 * The irregularities come sorted by ballot id, then rule.
 */
export function checkRoundBallots(
  round: Round,
  ballots: readonly Ballot[],
  facts: BallotFacts,
): CheckedBallots {
  const irregular: Irregularity<BallotRule>[] = [];
  const flag = (b: Ballot, rule: BallotRule, params: IrregularityParams = {}, edit = false) =>
    irregular.push({
      list: "Ballots",
      item: b.id,
      rule,
      ...(Object.keys(params).length ? { params } : {}),
      by: (edit ? b.modifiedBy : b.createdBy) ?? null,
    });
  const window = votingWindow(round, facts.closedAt);
  const closedIso = iso(Math.min(window.closes, window.closedAt));
  const mine = new Map<PersonId, Ballot[]>();
  const ofRound = ballots.filter((b) => b.round?.id === round.id);
  for (const b of ofRound) {
    const author = b.createdBy;
    const created = Date.parse(b.created);
    if (!author) flag(b, "ballot.noAuthor");
    else if (!isVoter(facts.roster, author.id)) flag(b, "ballot.authorNotVoter");
    else if (b.voter?.id !== author.id) {
      flag(b, "ballot.voterMismatch", { claimed: b.voter?.name ?? null });
    } else if (b.ballotKey !== ballotKey(round.id, author.id)) {
      flag(b, "ballot.keyMismatch", { key: b.ballotKey });
    } else if (!(created >= window.from)) {
      flag(b, "ballot.createdBeforeOpen", { created: b.created, opened: iso(window.from) });
    } else if (window.isAfter(b.created)) {
      flag(b, "ballot.createdAfterClose", { created: b.created, closed: closedIso });
    } else {
      mine.set(author.id, [...(mine.get(author.id) ?? []), b]);
    }
  }
  const counted = facts.counted ? new Map(facts.counted.map((c) => [c.id as number, c])) : null;
  const own = new Map<PersonId, Ballot>();
  const valid: Ballot[] = [];
  const countable = isCountable(round, facts);
  for (const [voter, list] of mine) {
    const [first, ...extra] = [...list].sort(byCreation);
    if (!first) continue;
    own.set(voter, first);
    for (const b of extra) flag(b, "ballot.extra", { counted: first.id });
    const before = irregular.length;
    if (first.modifiedBy && first.modifiedBy.id !== voter) {
      flag(first, "ballot.editedByOther", {}, true);
    }
    if (!countable) flag(first, "ballot.roundNotCountable", { method: round.method });
    else {
      for (const p of oncePerCode(ballotPayloadProblems(round, first.payload, facts))) {
        flag(first, p.code, p.params);
      }
    }
    const record = counted?.get(first.id);
    const changed =
      window.isAfter(first.modified) || (record !== undefined && record.version !== first.version);
    if (changed) {
      flag(
        first,
        "ballot.changedAfterClose",
        { modified: first.modified, closed: closedIso },
        true,
      );
    } else if (counted && !record && irregular.length === before) {
      flag(first, "ballot.notCountedAtClose");
    }
    if (irregular.length === before) valid.push(first);
  }
  if (counted) {
    const present = new Set<number>(ofRound.map((b) => b.id));
    for (const c of counted.values()) {
      if (!present.has(c.id)) {
        irregular.push({ list: "Ballots", item: c.id, rule: "ballot.deletedAfterClose", by: null });
      }
    }
  }
  valid.sort(byCreation);
  return { valid, irregular: sortIrregularities(irregular), own };
}

// ---------------------------------------------------------------- Turnout and visibility

export interface Turnout {
  voted: Person[];
  notVoted: Person[];
  /** Share of members who have voted, 0..1. */
  rate: number;
}

/**
 * Who of the committee's voters has voted, never what: `voted` are the authors of ballots that
 * count (or were counted at close).
 */
export function turnoutOf(members: readonly Person[], voted: ReadonlySet<PersonId>): Turnout {
  const yes = members.filter((m) => voted.has(m.id));
  const no = members.filter((m) => !voted.has(m.id));
  return { voted: yes, notVoted: no, rate: members.length ? yes.length / members.length : 0 };
}

/**
 * Whether a ballot expresses no view: Kriteriescore with no criterion rated ("Ikke vurderet"
 * everywhere; "Ingen" is a view), Prikker with no dot given, Budget with nothing picked. Such a
 * ballot still counts as taking part, so the member is asked before it is cast. A ranking
 * always orders every candidate, and consent without an objection is consent: never empty.
 */
export function isEmptyBallot(method: VotingMethod, payload: BallotPayload): boolean {
  switch (method) {
    case "Kriteriescore":
      return payload.entries.every((e) => Object.keys(e.criterionScores ?? {}).length === 0);
    case "Prikker":
      return payload.entries.every((e) => (e.points ?? 0) === 0);
    case "Budget":
      return payload.entries.length === 0;
    case "Rangordning":
    case "Samtykke":
      return false;
  }
}

/**
 * The turnout a user is shown, only what they can know:
 * - `everyone`: who has voted and who has not, for those who read every ballot (the chair, the
 *   secretariat: Override List Behaviors on the Ballots list);
 * - `own`: for a member, who reads only their own ballot (the list's item-level security), only
 *   whether they have voted themselves: the others' ballots are not theirs to read, so no list
 *   and no count of them is true (the UI says the chair and the secretariat follow turnout).
 */
export type TurnoutView =
  { kind: "everyone"; voted: Person[]; notVoted: Person[] } | { kind: "own"; voted: boolean };

export function turnoutViewFor(
  turnout: Pick<Turnout, "voted" | "notVoted">,
  user: { readsAll: boolean; me: PersonId },
): TurnoutView {
  if (user.readsAll) {
    return { kind: "everyone", voted: turnout.voted, notVoted: turnout.notVoted };
  }
  return { kind: "own", voted: turnout.voted.some((p) => p.id === user.me) };
}

/**
 * The aggregate is shown when the round is closed; with "Løbende for formanden" the chair sees
 * it while the round is open too. Nobody sees results of a cancelled round or a draft.
 */
export function canSeeResults(round: Round, roles: readonly Role[]): boolean {
  if (round.state === "Lukket") return true;
  return (
    round.state === "Åben" &&
    round.resultsVisibility === "Løbende for formanden" &&
    roles.includes("chair")
  );
}

/** Each member's ballot, for the chair, only after close. */
export function canSeeMemberBallots(round: Round, roles: readonly Role[]): boolean {
  return round.state === "Lukket" && roles.includes("chair");
}

// ---------------------------------------------------------------- The stored result

/** The version of the stored result's JSON; a reader refuses any other. */
export const STORED_RESULT_VERSION = 2;

/** Turnout as counts only (who voted is never stored with the result, let alone how). */
export interface StoredTurnout {
  /** The committee's voters (the team's members in Medlemmer or Formand). */
  voters: number;
  voted: number;
  notVoted: number;
}

/**
 * The result stored on the round when it is closed (Rounds list, ResultJson), computed by the
 * chair or the secretariat, who read every ballot; everyone reads it after close. Aggregates,
 * and which ballots were counted (ids and versions: an id says nothing of its voter or vote,
 * which a member cannot read). Never a member's ballot, name or value. It is final: closing
 * again does not recompute it (see closeRound), and a ballot changed, deleted or created
 * after `closedAt` is flagged.
 */
export interface StoredRoundResult {
  version: typeof STORED_RESULT_VERSION;
  method: Round["method"];
  /** When the round was closed: the round's Modified as the server recorded the close. */
  closedAt: string;
  /** When this result was computed. */
  computedAt: string;
  candidates: CandidateResult[];
  ballotsCounted: number;
  /** The ballots counted, each at the version counted; as many as `ballotsCounted`. */
  counted: CountedBallot[];
  /** How many ballots were left out of the tally (irregular at close). */
  flagged: number;
  /** Null when the committee's voters could not be read at close. */
  turnout: StoredTurnout | null;
}

/** The stored result of a round, from its tally (only aggregates are copied). */
export function storedResultOf(
  result: RoundResult,
  facts: {
    closedAt: string;
    computedAt: Date;
    counted: readonly Pick<Ballot, "id" | "version">[];
    flagged: number;
    turnout: Turnout | null;
  },
): StoredRoundResult {
  return {
    version: STORED_RESULT_VERSION,
    method: result.method,
    closedAt: facts.closedAt,
    computedAt: facts.computedAt.toISOString(),
    candidates: result.candidates.map((c) => ({
      candidate: c.candidate,
      value: c.value,
      share: c.share,
      place: c.place,
      spread: c.spread
        ? {
            count: c.spread.count,
            mean: c.spread.mean,
            stdDev: c.spread.stdDev,
            min: c.spread.min,
            max: c.spread.max,
            iqr: c.spread.iqr,
          }
        : null,
    })),
    ballotsCounted: result.ballotsCounted,
    counted: facts.counted.map((b) => ({ id: b.id, version: b.version })),
    flagged: facts.flagged,
    turnout: facts.turnout
      ? {
          voters: facts.turnout.voted.length + facts.turnout.notVoted.length,
          voted: facts.turnout.voted.length,
          notVoted: facts.turnout.notVoted.length,
        }
      : null,
  };
}

/** The JSON written to the round's ResultJson column. */
export function serializeStoredResult(stored: StoredRoundResult): string {
  return JSON.stringify(stored);
}

/** What can be wrong with a closed round itself (Rounds list). */
export type RoundRule =
  /** Closed, but no result is stored: the close was not finished. */
  | "round.resultMissing"
  /** Closed, but ResultJson is not a stored result of this version for this round. */
  | "round.resultInvalid";

/** Why a round has no readable stored result. */
export type StoredResultProblem = "missing" | "invalid";

export type StoredResultRead =
  { ok: true; result: StoredRoundResult } | { ok: false; problem: StoredResultProblem };

function readSpread(v: unknown): Spread | null | undefined {
  if (v === null) return null;
  if (!isObject(v)) return undefined;
  const { count, mean, stdDev, min, max, iqr } = v;
  if (!isCount(count) || count === 0) return undefined;
  if (![mean, stdDev, min, max, iqr].every(isFiniteNumber)) return undefined;
  if ((min as number) > (max as number)) return undefined;
  return {
    count,
    mean: mean as number,
    stdDev: stdDev as number,
    min: min as number,
    max: max as number,
    iqr: iqr as number,
  };
}

function readCandidate(v: unknown, ids: ReadonlySet<number>): CandidateResult | undefined {
  if (!isObject(v)) return undefined;
  const { candidate, value, share, place } = v;
  if (!Number.isInteger(candidate) || !ids.has(candidate as number)) return undefined;
  if (!isFiniteNumber(value) || !isFiniteNumber(share)) return undefined;
  if (!Number.isInteger(place) || (place as number) < 1) return undefined;
  const spread = readSpread(v.spread ?? null);
  if (spread === undefined) return undefined;
  return { candidate: candidate as InitiativeId, value, share, place: place as number, spread };
}

function readTurnout(v: unknown): StoredTurnout | null | undefined {
  if (v === null) return null;
  if (!isObject(v)) return undefined;
  const { voters, voted, notVoted } = v;
  if (!isCount(voters) || !isCount(voted) || !isCount(notVoted)) return undefined;
  return voted + notVoted === voters ? { voters, voted, notVoted } : undefined;
}

function readCounted(v: unknown): CountedBallot[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: CountedBallot[] = [];
  for (const c of v as unknown[]) {
    if (!isObject(c) || !Number.isInteger(c.id) || (c.id as number) < 1) return undefined;
    if (typeof c.version !== "string" || c.version === "") return undefined;
    if (out.some((o) => o.id === c.id)) return undefined;
    out.push({ id: c.id as BallotId, version: c.version as Version });
  }
  return out;
}

/**
 * The round's stored result, validated: `missing` when none is stored (the round is not
 * closed, or its close was interrupted), `invalid` when the text is not JSON of this version
 * for this round (another version, another method, a candidate not in the round, a number out
 * of place, counted ballots that do not add up). Only the known fields are kept from it.
 */
export function readStoredResult(round: Round): StoredResultRead {
  const raw = parseResultJson(round);
  if (raw === undefined) return { ok: false, problem: "missing" };
  const invalid = { ok: false, problem: "invalid" } as const;
  if (!isObject(raw) || raw.version !== STORED_RESULT_VERSION) return invalid;
  if (raw.method !== round.method) return invalid;
  if (!isInstant(raw.closedAt) || !isInstant(raw.computedAt)) return invalid;
  if (!isCount(raw.ballotsCounted) || !isCount(raw.flagged)) return invalid;
  if (!Array.isArray(raw.candidates)) return invalid;
  const counted = readCounted(raw.counted);
  if (!counted || counted.length !== raw.ballotsCounted) return invalid;
  const ids = new Set<number>(round.candidates.map((c) => c.id));
  const candidates: CandidateResult[] = [];
  for (const c of raw.candidates as unknown[]) {
    const read = readCandidate(c, ids);
    if (!read || candidates.some((x) => x.candidate === read.candidate)) return invalid;
    candidates.push(read);
  }
  const turnout = readTurnout(raw.turnout ?? null);
  if (turnout === undefined) return invalid;
  return {
    ok: true,
    result: {
      version: STORED_RESULT_VERSION,
      method: round.method,
      closedAt: raw.closedAt,
      computedAt: raw.computedAt,
      candidates: [...candidates].sort((a, b) => a.place - b.place),
      ballotsCounted: raw.ballotsCounted,
      counted,
      flagged: raw.flagged,
      turnout,
    },
  };
}

/** The parsed ResultJson; undefined when empty, null-ish garbage as `null`. */
function parseResultJson(round: Pick<Round, "resultJson">): unknown {
  const text = round.resultJson ?? "";
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/**
 * When the round was closed, for a close that must be finished (no readable stored result):
 * the `closedAt` of whatever ResultJson holds (an earlier version's, or one that is otherwise
 * invalid), else null (then the round's Modified, set by the server when it was closed, is the
 * best fact left).
 */
export function closedAtOf(round: Pick<Round, "resultJson">): string | null {
  const raw = parseResultJson(round);
  return isObject(raw) && isInstant(raw.closedAt) ? raw.closedAt : null;
}

/** The stored result as the page shows a result. */
export function roundResultOf(stored: StoredRoundResult): RoundResult {
  return {
    method: stored.method,
    candidates: stored.candidates,
    ballotsCounted: stored.ballotsCounted,
  };
}
