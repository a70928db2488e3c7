/**
 * Priority rounds (issue 5 §2): what a ballot may contain for each method, whether it may be
 * cast now, and the aggregate results with the spread between members.
 *
 * Kriteriescore levels are stored as 0..4: ingen 0, lav 1, moderat 2, stærk 3, ekstrem 4.
 * "Ikke vurderet" is the absence of the criterion's key in `criterionScores`, never 0, so it
 * does not pull a candidate's average down; it is left out of every average.
 */
import type { Person } from "./common.js";
import type { CriterionId, InitiativeId, PersonId } from "./ids.js";
import {
  type Ballot,
  type BallotEntry,
  ballotKey,
  type BallotPayload,
  type CriterionWeight,
  type Round,
} from "./prioritization.js";
import type { Role } from "./roles.js";
import type { FieldProblem, Validation } from "./validation.js";

export const LEVELS = ["ingen", "lav", "moderat", "stærk", "ekstrem"] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_MIN = 0;
export const LEVEL_MAX = LEVELS.length - 1;
/** Shown for a criterion a member left unrated. */
export const NOT_RATED = "ikke vurderet";

/** What the round's method needs besides the ballot itself. */
export interface BallotContext {
  now: Date;
  /** Kriteriescore: the criteria of the round's weight set. */
  criteria?: readonly CriterionId[];
  /** Budget: each candidate's cost in DKK. */
  costs?: ReadonlyMap<InitiativeId, number>;
}

function problem(message: string, field = "payload"): FieldProblem {
  return { field, message };
}

/** Whether the round takes ballots at `now`: open, opened, not yet closed. */
export function roundAcceptsBallots(round: Round, now: Date): Validation {
  const problems: FieldProblem[] = [];
  if (round.state !== "Åben") {
    problems.push(problem(`Runden er ikke åben for stemmer (status: ${round.state}).`, "round"));
  } else if (round.opens && now.getTime() < Date.parse(round.opens)) {
    problems.push(problem("Runden er ikke åbnet endnu.", "round"));
  } else if (round.closes && now.getTime() >= Date.parse(round.closes)) {
    problems.push(
      problem("Runden er lukket; stemmer kan ikke længere afgives eller ændres.", "round"),
    );
  }
  return problems.length ? { ok: false, problems } : { ok: true };
}

function checkKriteriescore(entries: readonly BallotEntry[], ctx: BallotContext): FieldProblem[] {
  const criteria = new Set<number>(ctx.criteria ?? []);
  if (!ctx.criteria) throw new Error("Kriteriescore needs the weight set's criteria");
  const problems: FieldProblem[] = [];
  for (const e of entries) {
    for (const [key, level] of Object.entries(e.criterionScores ?? {})) {
      if (!criteria.has(Number(key))) {
        problems.push(problem(`Kriterium ${key} hører ikke til rundens vægtsæt.`));
      } else if (!Number.isInteger(level) || level < LEVEL_MIN || level > LEVEL_MAX) {
        problems.push(
          problem(
            `Vurdering af tiltag ${e.candidate} skal være et af niveauerne ${LEVELS.join(", ")}.`,
          ),
        );
      }
    }
  }
  return problems;
}

function checkRangordning(entries: readonly BallotEntry[]): FieldProblem[] {
  const ranks = entries.map((e) => e.rank);
  if (ranks.some((r) => r === undefined || !Number.isInteger(r))) {
    return [problem("Hvert rangordnet tiltag skal have en placering (et helt tal).")];
  }
  const sorted = [...(ranks as number[])].sort((a, b) => a - b);
  if (sorted.some((r, i) => r !== i + 1)) {
    return [problem("Placeringerne skal være 1, 2, 3 … uden huller eller delte pladser.")];
  }
  return [];
}

function checkPrikker(entries: readonly BallotEntry[], round: Round): FieldProblem[] {
  const max = round.settings.pointsPerMember;
  if (max === undefined) throw new Error("Prikker needs settings.pointsPerMember");
  if (entries.some((e) => e.points === undefined || !Number.isInteger(e.points) || e.points < 0)) {
    return [problem("Prikker skal være hele tal, 0 eller flere.")];
  }
  const total = entries.reduce((s, e) => s + (e.points ?? 0), 0);
  return total > max
    ? [problem(`Du har fordelt ${total} prikker; der er højst ${max} at fordele.`)]
    : [];
}

function checkBudget(
  entries: readonly BallotEntry[],
  round: Round,
  ctx: BallotContext,
): FieldProblem[] {
  const amount = round.settings.budgetPerMember;
  if (amount === undefined) throw new Error("Budget needs settings.budgetPerMember");
  if (!ctx.costs) throw new Error("Budget needs the candidates' costs");
  const problems: FieldProblem[] = [];
  let total = 0;
  for (const e of entries) {
    const cost = ctx.costs.get(e.candidate);
    if (cost === undefined) {
      problems.push(problem(`Tiltag ${e.candidate} har ingen pris og kan ikke vælges.`));
    } else total += cost;
  }
  if (total > amount) {
    problems.push(
      problem(
        `De valgte tiltag koster ${formatDkk(total)}; rammen er ${formatDkk(amount)} (${formatDkk(total - amount)} for meget).`,
      ),
    );
  }
  return problems;
}

function checkSamtykke(entries: readonly BallotEntry[]): FieldProblem[] {
  return entries.some((e) => e.objection !== undefined && e.objection.trim() === "")
    ? [problem("En indsigelse skal have en begrundelse.")]
    : [];
}

/** Plain Danish thousands separators, without relying on the runtime's locale data. */
export function formatDkk(amount: number): string {
  const sign = amount < 0 ? "-" : "";
  const digits = Math.round(Math.abs(amount)).toString();
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ".")} kr.`;
}

/**
 * A ballot's payload against its round: the round takes ballots now, every entry is one of the
 * round's candidates (once), and the numbers fit the round's method. Messages are Danish.
 */
export function validateBallotForRound(
  round: Round,
  payload: BallotPayload,
  ctx: BallotContext,
): Validation {
  const accepts = roundAcceptsBallots(round, ctx.now);
  if (!accepts.ok) return accepts;
  const problems: FieldProblem[] = [];
  const candidates = new Set<number>(round.candidates.map((c) => c.id));
  const seen = new Set<number>();
  for (const e of payload.entries) {
    if (!candidates.has(e.candidate)) {
      problems.push(problem(`Tiltag ${e.candidate} er ikke kandidat i runden.`));
    }
    if (seen.has(e.candidate)) {
      problems.push(problem(`Tiltag ${e.candidate} står flere gange på stemmesedlen.`));
    }
    seen.add(e.candidate);
  }
  switch (round.method) {
    case "Kriteriescore":
      problems.push(...checkKriteriescore(payload.entries, ctx));
      break;
    case "Rangordning":
      problems.push(...checkRangordning(payload.entries));
      break;
    case "Prikker":
      problems.push(...checkPrikker(payload.entries, round));
      break;
    case "Budget":
      problems.push(...checkBudget(payload.entries, round, ctx));
      break;
    case "Samtykke":
      problems.push(...checkSamtykke(payload.entries));
      break;
  }
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
 * The round's aggregate result. Kriteriescore averages the members' levels per criterion
 * (unrated left out) and weights them; the others add up Borda points, dots, budget picks or
 * objections. Only ballots of this round that stand as a `vote` count (see ballotStanding), one
 * per voter (the latest modified wins if the store ever held two). Samtykke ranks fewest
 * objections first.
 */
export function tallyRound(
  round: Round,
  ballots: readonly Ballot[],
  weights: readonly CriterionWeight[] = [],
): RoundResult {
  if (round.method === "Kriteriescore" && weights.length === 0) {
    throw new Error("Kriteriescore needs the weight set's weights");
  }
  const latest = latestBallotPerVoter(round, ballots);
  const perMember = latest.map((b) => memberValues(round, b.payload.entries, weights));
  const values = round.candidates.map((c) => {
    const own = perMember.flatMap((m) => {
      const v = m.get(c.id);
      return v === undefined ? [] : [v];
    });
    let value: number;
    if (round.method === "Kriteriescore") {
      const ratings = latest.flatMap((b) =>
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
  return { method: round.method, candidates: results, ballotsCounted: latest.length };
}

/**
 * The payload of an "Ikke afgivet" ballot: written at close, in the member's name, for each
 * member of the committee who had not voted, so the store's unique key refuses a ballot added
 * after close. It carries no vote: it counts as "did not vote" and is never tallied.
 */
export interface NotCastPayload extends BallotPayload {
  notCast: true;
}

export function notCastPayload(): NotCastPayload {
  return { entries: [], notCast: true };
}

/** Whether the ballot is an "Ikke afgivet" ballot written at close (no entries, marked). */
export function isNotCastBallot(b: Ballot): boolean {
  return (b.payload as Partial<NotCastPayload>).notCast === true && b.payload.entries.length === 0;
}

/**
 * How a ballot counts:
 * - `vote`: cast and last saved by its voter; counted;
 * - `notCast`: the "Ikke afgivet" ballot written when the round closed; the member did not vote;
 * - `foreign`: created by someone else than its voter (the voter and the key are written by the
 *   client, so a member writing to the list directly could cast a ballot in another's name;
 *   the author, Created By, is set by SharePoint itself); never counted;
 * - `changed`: cast by its voter but last saved by someone else (Modified By, set by
 *   SharePoint; after close only the chair, the secretariat and the owners may change a
 *   ballot); shown as "ændret af en anden" and left out of the tally;
 * - `badKey`: its key is not `<round>:<voter>`, so the store's unique key did not guard it;
 *   never counted.
 * An "Ikke afgivet" ballot written by someone else while the round is still open would block
 * the member's own ballot: it is `foreign` until the round is closed.
 */
export type BallotStanding = "vote" | "notCast" | "foreign" | "changed" | "badKey";

export function ballotStanding(round: Round, b: Ballot): BallotStanding {
  if (!b.voter || !b.round || b.ballotKey !== ballotKey(b.round.id, b.voter.id)) return "badKey";
  const by = (p: Person | null) => p === null || p.id === b.voter?.id;
  if (isNotCastBallot(b)) {
    const sameWriter = b.modifiedBy === null || b.modifiedBy.id === b.createdBy?.id;
    if (!sameWriter) return "changed";
    return by(b.createdBy) || round.state === "Lukket" ? "notCast" : "foreign";
  }
  if (!by(b.createdBy)) return "foreign";
  if (!by(b.modifiedBy)) return "changed";
  return "vote";
}

/**
 * A ballot cast in someone else's name (see BallotStanding `foreign`): the author SharePoint
 * recorded is not its voter, and it is not an "Ikke afgivet" ballot of a closed round.
 */
export function isForeignBallot(b: Ballot): boolean {
  return (
    b.createdBy !== null && b.voter !== null && b.createdBy.id !== b.voter.id && !isNotCastBallot(b)
  );
}

/** Ballots in the round cast in another person's name (see isForeignBallot). */
export function foreignBallots(round: Round, ballots: readonly Ballot[]): Ballot[] {
  return ballots.filter((b) => b.round?.id === round.id && ballotStanding(round, b) === "foreign");
}

/** A ballot of the round that is not counted, with the reason. */
export interface IrregularBallot {
  ballot: Ballot;
  standing: Exclude<BallotStanding, "vote" | "notCast">;
}

/** The round's ballots that are left out of the tally, and why (foreign, changed, bad key). */
export function irregularBallots(round: Round, ballots: readonly Ballot[]): IrregularBallot[] {
  return ballots.flatMap((ballot) => {
    if (ballot.round?.id !== round.id) return [];
    const standing = ballotStanding(round, ballot);
    return standing === "vote" || standing === "notCast" ? [] : [{ ballot, standing }];
  });
}

function latestBallotPerVoter(round: Round, ballots: readonly Ballot[]): Ballot[] {
  const byVoter = new Map<number, Ballot>();
  for (const b of ballots) {
    if (b.round?.id !== round.id || !b.voter || ballotStanding(round, b) !== "vote") continue;
    const prev = byVoter.get(b.voter.id);
    if (!prev || Date.parse(b.modified) > Date.parse(prev.modified)) byVoter.set(b.voter.id, b);
  }
  return [...byVoter.values()];
}

// ---------------------------------------------------------------- Turnout and visibility

export interface Turnout {
  voted: Person[];
  notVoted: Person[];
  /** Share of members who have voted, 0..1. */
  rate: number;
}

/**
 * Who has voted in the round, never what: only the voter of each ballot is read. A ballot its
 * voter cast counts even when someone else changed it later (`changed`); "Ikke afgivet",
 * foreign and badly keyed ballots do not.
 */
export function turnout(
  round: Round,
  ballots: readonly Ballot[],
  members: readonly Person[],
): Turnout {
  const votedIds = new Set<PersonId>(
    ballots.flatMap((b) => {
      if (b.round?.id !== round.id || !b.voter) return [];
      const standing = ballotStanding(round, b);
      return standing === "vote" || standing === "changed" ? [b.voter.id] : [];
    }),
  );
  const voted = members.filter((m) => votedIds.has(m.id));
  const notVoted = members.filter((m) => !votedIds.has(m.id));
  return { voted, notVoted, rate: members.length ? voted.length / members.length : 0 };
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
export const STORED_RESULT_VERSION = 1;

/** Turnout as counts only (who voted is never stored with the result, let alone how). */
export interface StoredTurnout {
  /** The committee's voters (the team's members in Medlemmer or Formand). */
  voters: number;
  voted: number;
  notVoted: number;
}

/**
 * The result stored on the round when it is closed (Rounds list, ResultJson), computed by the
 * chair or the secretariat, who read every ballot; members read it after close. Aggregates
 * only: per candidate its value, share, place and the spread between members, the counts of
 * ballots counted and flagged and of turnout. Never a member's ballot, name or value.
 */
export interface StoredRoundResult {
  version: typeof STORED_RESULT_VERSION;
  method: Round["method"];
  /** When the round was first closed (kept when a close is repeated). */
  closedAt: string;
  /** When this result was computed (the latest close). */
  computedAt: string;
  candidates: CandidateResult[];
  ballotsCounted: number;
  /** Ballots left out of the tally (in another's name, changed by another, badly keyed). */
  flagged: number;
  /** Null when the committee's voters could not be read at close. */
  turnout: StoredTurnout | null;
}

/** The stored result of a round, from its tally (only aggregates are copied). */
export function storedResultOf(
  result: RoundResult,
  facts: {
    closedAt: Date | string;
    computedAt: Date;
    flagged: number;
    turnout: Turnout | null;
  },
): StoredRoundResult {
  const iso = (d: Date | string) => (typeof d === "string" ? d : d.toISOString());
  return {
    version: STORED_RESULT_VERSION,
    method: result.method,
    closedAt: iso(facts.closedAt),
    computedAt: iso(facts.computedAt),
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

/** Why a round has no readable stored result. */
export type StoredResultProblem = "missing" | "invalid";

export type StoredResultRead =
  { ok: true; result: StoredRoundResult } | { ok: false; problem: StoredResultProblem };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const isFiniteNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
const isInstant = (v: unknown): v is string =>
  typeof v === "string" && v !== "" && !Number.isNaN(Date.parse(v));

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

/**
 * The round's stored result, validated: `missing` when none is stored (the round is not
 * closed, or was closed before results were stored), `invalid` when the text is not JSON of
 * this version for this round (another version, another method, a candidate not in the round,
 * a number out of place). Only the known aggregate fields are kept from it.
 */
export function readStoredResult(round: Round): StoredResultRead {
  const text = round.resultJson ?? "";
  if (text.trim() === "") return { ok: false, problem: "missing" };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, problem: "invalid" };
  }
  const invalid = { ok: false, problem: "invalid" } as const;
  if (!isObject(raw) || raw.version !== STORED_RESULT_VERSION) return invalid;
  if (raw.method !== round.method) return invalid;
  if (!isInstant(raw.closedAt) || !isInstant(raw.computedAt)) return invalid;
  if (!isCount(raw.ballotsCounted) || !isCount(raw.flagged)) return invalid;
  if (!Array.isArray(raw.candidates)) return invalid;
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
      flagged: raw.flagged,
      turnout,
    },
  };
}

/** The stored result as the page shows a result. */
export function roundResultOf(stored: StoredRoundResult): RoundResult {
  return {
    method: stored.method,
    candidates: stored.candidates,
    ballotsCounted: stored.ballotsCounted,
  };
}
