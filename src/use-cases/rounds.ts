/**
 * Priority rounds through the ports: opening a round over chosen candidates (with a notice in
 * the committee's Teams channel), a member's own ballot, turnout, closing with the result
 * stored on the round, results, and reminder mails to the members who have not voted.
 *
 * Trust: nothing here relies on a client-written key or voter field, and nothing changes
 * permissions at run time.
 * - A ballot belongs to its author (Created By, set by SharePoint). One ballot per member per
 *   round is decided when the ballots are read (`checkRoundBallots`): the first one an author
 *   created in the round's window under their own name counts, later ones are flagged `extra`;
 *   a ballot naming someone else, or by someone outside Medlemmer and Formand, counts for no one
 *   and blocks no one. The Ballots list has no unique column.
 * - Every ballot is checked when read by the same rules as when saved; what fails is not
 *   counted and is shown to the chair and the secretariat as an `Irregularity`, naming who wrote
 *   it (`loadRoundPage().irregularities`, `prioritizationIrregularities`).
 * - Closing stores the result on the round (Rounds ResultJson) with the id and version of each
 *   counted ballot and the time of the close as the server recorded it (the round's Modified).
 *   The stored result is final: after close a ballot changed (another version, or Modified
 *   after the close), deleted or created is flagged and never counted again, and everyone sees
 *   the stored result. Closing again only finishes a close that stored no readable result;
 *   it never recomputes a stored one, since a recount could only drop ballots that their
 *   authors changed or deleted after the close (which would let a member undo their vote).
 *
 * Reading other members' ballots: the Ballots list is "read own / edit own" for members; the
 * chair, the secretariat and the site's owners read every ballot (Override List Behaviors), so
 * turnout and irregularities are complete for them. Members are told they read only their own.
 *
 * Voters: the committee's team (Settings committee.teamId) also holds the secretary; the ones
 * who cast ballots are the team's members in the site groups Medlemmer or Formand, read through
 * SitePeople.groupMembers; a ballot counts when its author is in one of those groups.
 */
import type { Clock } from "../domain/clock.js";
import { err, ok, type Person } from "../domain/common.js";
import { StoreError } from "../domain/errors.js";
import type { InitiativeId, PersonId, RoundId } from "../domain/ids.js";
import type { Irregularity } from "../domain/irregularities.js";
import {
  type Ballot,
  ballotKey,
  type BallotPayload,
  type Criterion,
  type CriterionWeight,
  type Round,
  type RoundDraft,
  validateRound,
  type WeightSet,
} from "../domain/prioritization.js";
import { isProblem, type Outcome, type Problem, problem, refuse } from "../domain/problems.js";
import { hasRole, type Me, type Roster } from "../domain/roles.js";
import { link, markup, toHtmlString } from "../domain/safe-html.js";
import { SETTING_KEYS } from "../domain/strategy.js";
import {
  type BallotRule,
  canSeeMemberBallots,
  canSeeResults,
  type CheckedBallots,
  checkRoundBallots,
  closedAtOf,
  isVoter,
  isWellFormedPayload,
  readStoredResult,
  roundAcceptsBallots,
  type RoundResult,
  roundResultOf,
  serializeStoredResult,
  storedResultOf,
  type StoredResultProblem,
  type StoredResultRead,
  type StoredRoundResult,
  tallyRound,
  type Turnout,
  turnoutOf,
  type TurnoutView,
  turnoutViewFor,
  validateBallotForRound,
} from "../domain/tally.js";
import type { ChannelPoster } from "../ports/channel.js";
import type { CurrentUser, SitePeople } from "../ports/current-user.js";
import type { Directory } from "../ports/directory.js";
import type { Mailer } from "../ports/mail.js";
import type { InitiativeSlice, Repositories } from "../ports/repositories.js";
import type { Versioned } from "../ports/repository.js";
import { readVoterRoster, rosterOfMe, VOTER_GROUPS } from "./voters.js";

export { VOTER_GROUPS };

export interface RoundPorts {
  repositories: Repositories;
  currentUser: CurrentUser;
  clock: Clock;
}

export interface RoundNoticePorts extends RoundPorts {
  channel: ChannelPoster;
}

/** What reading a round needs besides the store: the site groups, to know who may vote. */
export interface RoundReadPorts extends RoundPorts {
  people: SitePeople;
}

export interface RoundMemberPorts extends RoundReadPorts {
  directory: Directory;
}

export interface RoundMailPorts extends RoundPorts {
  mailer: Mailer;
}

/** Who may open, close and remind: the secretary and the chair. */
export function mayManageRounds(me: Me): boolean {
  return hasRole(me, "secretary") || hasRole(me, "chair");
}

/** Who casts ballots: the committee's members and the chair (the Ballots list's Contribute). */
export function mayVote(me: Me): boolean {
  return hasRole(me, "member") || hasRole(me, "chair");
}

/**
 * Who reads every ballot: the chair and the secretariat (a permission level with Override List
 * Behaviors on the Ballots list, which passes its own-items security) and the site's owners.
 * Members read only their own.
 */
export function mayReadAllBallots(me: Me): boolean {
  return hasRole(me, "owner") || hasRole(me, "chair") || hasRole(me, "secretary");
}

/**
 * Who is shown a round's page (ballot, turnout, result): those who vote or read every ballot.
 * Others (a proposer in Bidragydere) cannot read the Ballots list at all, so the page is not
 * requested for them; they are told who can see it instead of reading "not found".
 */
export function maySeeRoundPage(me: Me): boolean {
  return mayVote(me) || mayReadAllBallots(me);
}

// ---------------------------------------------------------------- the rounds page

export const CANDIDATE_FIELDS = ["title", "phase", "area"] as const;
export type CandidateInitiative = InitiativeSlice<(typeof CANDIDATE_FIELDS)[number]>;

export interface RoundsPage {
  me: Me;
  rounds: Round[];
  /** Initiatives in Klar til prioritering: the default candidates of a new round. */
  ready: CandidateInitiative[];
  /** Weight sets a Kriteriescore round may use (approved first). */
  weightSets: WeightSet[];
}

export async function loadRoundsPage(ports: RoundPorts): Promise<RoundsPage> {
  const [me, rounds, ready, weightSets] = await Promise.all([
    ports.currentUser.me(),
    ports.repositories.rounds.list({ orderBy: [{ field: "created", descending: true }] }),
    ports.repositories.initiatives.list({
      fields: CANDIDATE_FIELDS,
      where: { phase: "Klar til prioritering" },
      orderBy: [{ field: "title" }],
    }),
    ports.repositories.weightSets.list(),
  ]);
  const order = (w: WeightSet) => (w.state === "Godkendt" ? 0 : 1);
  return { me, rounds, ready, weightSets: [...weightSets].sort((a, b) => order(a) - order(b)) };
}

// ---------------------------------------------------------------- opening a round

export type NoticeOutcome =
  | { kind: "posted"; webUrl: string }
  /** The committee's channel is not configured in Settings. */
  | { kind: "noChannel" }
  | { kind: "failed"; error: unknown };

export interface OpenedRound {
  round: Round;
  notice: NoticeOutcome;
}

/** Reads a setting's value by key, or null when absent or empty. */
async function settingValue(repositories: Repositories, key: string): Promise<string | null> {
  const found = await repositories.settings.list({ where: { key }, limit: 1 });
  const v = found[0]?.value.trim() ?? "";
  return v === "" ? null : v;
}

/**
 * The notice posted in the committee's channel when a round opens, built with SafeHtml: every
 * title is escaped and the deep link to the ballot is an https link (or local mode's localhost).
 */
export function roundNoticeHtml(round: Round, deepLink: string, closesText: string | null): string {
  const items = round.candidates.map((c) => markup`<li>${c.title}</li>`);
  const closes = closesText ? markup` Runden lukker ${closesText}.` : null;
  return toHtmlString(
    markup`<p><strong>Ny prioriteringsrunde: ${round.title}</strong></p><p>Metode: ${round.method}.${closes}</p><ul>${items}</ul><p>${link(deepLink, "Afgiv din stemme i Digistyr", { allowLocalhost: true })}</p>`,
  );
}

/**
 * Opens a round: validated, stored as Åben, then a notice with a link to the ballot posted in
 * the committee's own channel (Settings committee.teamId / committee.channelId). The round stays
 * open if the post fails; the outcome says so. Only the secretary and the chair.
 */
export async function openRound(
  ports: RoundNoticePorts,
  draft: Omit<RoundDraft, "state">,
  options: { link: (id: RoundId) => string; closesText: string | null },
): Promise<Outcome<OpenedRound>> {
  const me = await ports.currentUser.me();
  if (!mayManageRounds(me)) return refuse("rounds.problem.onlyManagersOpen");
  const full: RoundDraft = { ...draft, state: "Åben" };
  const v = validateRound(full);
  if (!v.ok) return err(validationProblem(v.problems));
  if (full.method === "Kriteriescore" && !full.weightSet) {
    return refuse("rounds.problem.weightSetRequired", undefined, "weightSet");
  }
  const round = await ports.repositories.rounds.add(full);
  let notice: NoticeOutcome;
  try {
    const [teamId, channelId] = await Promise.all([
      settingValue(ports.repositories, SETTING_KEYS.committeeTeamId),
      settingValue(ports.repositories, SETTING_KEYS.committeeChannelId),
    ]);
    if (!teamId || !channelId) {
      notice = { kind: "noChannel" };
    } else {
      const posted = await ports.channel.post(
        { teamId, channelId },
        {
          subject: `Prioriteringsrunde: ${round.title}`,
          html: roundNoticeHtml(round, options.link(round.id), options.closesText),
        },
      );
      notice = { kind: "posted", webUrl: posted.webUrl };
    }
  } catch (error) {
    notice = { kind: "failed", error };
  }
  return ok({ round, notice });
}

/**
 * A round draft's validation failure as one problem: the first problem when the validation
 * gives codes, else `rounds.problem.invalidRound` naming the field and the validator's text.
 */
function validationProblem(problems: readonly unknown[]): Problem {
  const first = problems[0];
  if (isProblem(first)) return first;
  const { field, message } = (first ?? {}) as { field?: string; message?: string };
  return problem("rounds.problem.invalidRound", { details: message ?? "" }, field);
}

// ---------------------------------------------------------------- checking a round's ballots

/** Each candidate's cost for a Budget round: the sum of its Anlæg budget lines. */
async function candidateCosts(
  repositories: Repositories,
  round: Round,
): Promise<Map<InitiativeId, number>> {
  const ids = round.candidates.map((c) => c.id);
  const costs = new Map<InitiativeId, number>();
  if (round.method !== "Budget" || ids.length === 0) return costs;
  const lines = await repositories.budgetLines.list({ where: { initiative: ids, kind: "Anlæg" } });
  for (const l of lines) {
    if (!l.initiative) continue;
    costs.set(l.initiative.id, (costs.get(l.initiative.id) ?? 0) + (l.amount ?? 0));
  }
  return costs;
}

/** The weights of the round's weight set (none without one). */
async function roundWeights(repositories: Repositories, round: Round): Promise<CriterionWeight[]> {
  return round.weightSet
    ? ((await repositories.weightSets.get(round.weightSet.id)).weights ?? [])
    : [];
}

/**
 * When a closed round was closed: the stored result's `closedAt`, or for a close that stored
 * nothing readable, the `closedAt` left in ResultJson, else the round's Modified (the server's
 * time of its last change, which for such a round is the close). Null while it is not closed.
 */
export function closedAtOfRound(round: Round, stored: StoredResultRead | null): string | null {
  if (round.state !== "Lukket") return null;
  if (stored?.ok) return stored.result.closedAt;
  return closedAtOf(round) ?? round.modified;
}

/** What checking one round's ballots needs, read once. */
export interface RoundCheckInput {
  round: Round;
  ballots: readonly Ballot[];
  weights: readonly CriterionWeight[];
  costs: ReadonlyMap<InitiativeId, number>;
  roster: Roster;
  /** Whether the reader reads every ballot (then a counted ballot that is gone was deleted). */
  readsAll: boolean;
}

/** A round's ballots checked against the round, its stored result and the roster. */
export function checkBallotsOf(input: RoundCheckInput): {
  checked: CheckedBallots;
  stored: StoredResultRead | null;
  closedAt: string | null;
} {
  const { round } = input;
  const stored = round.state === "Lukket" ? readStoredResult(round) : null;
  const closedAt = closedAtOfRound(round, stored);
  const checked = checkRoundBallots(round, input.ballots, {
    roster: input.roster,
    criteria: input.weights.map((w) => w.criterion),
    costs: input.costs,
    closedAt,
    counted: input.readsAll && stored?.ok ? stored.result.counted : null,
  });
  return { checked, stored, closedAt };
}

/** How many ballots the irregularities are about. */
function itemsOf(irregular: readonly Irregularity[]): number {
  return new Set(irregular.map((i) => i.item)).size;
}

// ---------------------------------------------------------------- closing

/** What closing a round did. */
export interface CloseOutcome {
  /**
   * True when this close computed and stored the result; false when an earlier close had
   * already stored one, which stands (a stored result is never recomputed).
   */
  computed: boolean;
  /**
   * Why the committee's members could not be read (committee.teamId missing, directory
   * failed); then the stored turnout is null. Null when they were read.
   */
  membersError: unknown;
  /**
   * The result stored on the round, or null when it cannot be computed (a Kriteriescore round
   * whose weight set has no weights).
   */
  stored: StoredRoundResult | null;
}

/** A stored round as the draft an update writes (the store's meta fields left out). */
function draftOf(round: Round): Versioned<RoundDraft, RoundId> {
  const { created: _c, modified: _m, createdBy: _cb, modifiedBy: _mb, ...rest } = round;
  return rest;
}

/**
 * Closes an open round (the chair or the secretary): stored as Lukket, read back for the time
 * the server recorded the close (its Modified), then the result computed from the ballots that
 * count and stored on the round with the id and version of each counted ballot. Nothing
 * changes permissions: a ballot written or changed after the close is told apart by its
 * Created, Modified and version when read.
 *
 * On a closed round it finishes an interrupted close (no readable stored result yet); when a
 * result is stored already, that result stands and is returned as it is (`computed: false`).
 * The site groups Medlemmer and Formand must be readable (who may vote), or the round is left
 * open; the team is needed for turnout only.
 */
export async function closeRound(
  ports: RoundMemberPorts,
  round: Round,
): Promise<Outcome<CloseOutcome>> {
  const me = await ports.currentUser.me();
  if (!mayManageRounds(me)) return refuse("rounds.problem.onlyManagersClose");
  // Who may vote is read first: a close that cannot tell it leaves the round open.
  const { roster } = await readVoterRoster(ports.people);
  let current = await ports.repositories.rounds.get(round.id);
  if (current.state === "Åben") {
    await ports.repositories.rounds.update({ ...draftOf(current), state: "Lukket" });
    current = await ports.repositories.rounds.get(round.id);
  } else if (current.state !== "Lukket") {
    return refuse("rounds.problem.onlyOpenCloses", {
      state: { code: `rounds.states.${current.state}` },
    });
  }
  const earlier = readStoredResult(current);
  if (earlier.ok) return ok({ computed: false, membersError: null, stored: earlier.result });

  const [ballots, weights, costs] = await Promise.all([
    ports.repositories.ballots.list({ where: { round: round.id } }),
    roundWeights(ports.repositories, current),
    candidateCosts(ports.repositories, current),
  ]);
  let voters: Person[] | null = null;
  let membersError: unknown = null;
  try {
    const team = await committeeMembers(ports);
    if (team.ok) voters = team.value.filter((p) => isVoter(roster, p.id));
    else membersError = team.error;
  } catch (error) {
    membersError = error;
  }
  if (current.method === "Kriteriescore" && weights.length === 0) {
    return ok({ computed: false, membersError, stored: null });
  }
  const { checked, closedAt } = checkBallotsOf({
    round: current,
    ballots,
    weights,
    costs,
    roster,
    readsAll: true,
  });
  const voted = new Set<PersonId>(
    checked.valid.flatMap((b) => (b.createdBy ? [b.createdBy.id] : [])),
  );
  const stored = storedResultOf(tallyRound(current, checked.valid, weights), {
    closedAt: closedAt ?? current.modified,
    computedAt: ports.clock.now(),
    counted: checked.valid,
    flagged: itemsOf(checked.irregular),
    turnout: voters ? turnoutOf(voters, voted) : null,
  });
  await ports.repositories.rounds.update({
    ...draftOf(current),
    resultJson: serializeStoredResult(stored),
  });
  return ok({ computed: true, membersError, stored });
}

// ---------------------------------------------------------------- one round

export interface RoundCriterion {
  criterion: Criterion;
  weight: number;
}

export interface RoundPage {
  me: Me;
  round: Round;
  /** The round's candidates (id and title as the round refers to them). */
  candidates: { id: InitiativeId; title: string }[];
  /** Kriteriescore: the weight set's criteria with their weights. */
  criteria: RoundCriterion[];
  /** Budget: each candidate's cost (sum of its Anlæg budget lines). */
  costs: Map<InitiativeId, number>;
  /**
   * The signed-in member's own ballot: the first they created in the round under their own
   * name (found by its author, not its key), or null. Its entries are empty when the stored
   * payload cannot be read.
   */
  myBallot: Ballot | null;
  /** What is wrong with ballots the signed-in user wrote in this round (not counted). */
  myIrregularities: Irregularity<BallotRule>[];
  /** Every ballot of the round this user may read (all, for the chair, secretariat, owners). */
  ballotsRead: number;
  /** Whether this user reads every ballot (see mayReadAllBallots). */
  readsAll: boolean;
  /**
   * The round's ballots that are not counted, with why and who wrote them: for those who read
   * every ballot; empty for anyone else.
   */
  irregularities: Irregularity<BallotRule>[];
  /**
   * Results when the round's visibility allows them to this user, else null: the result stored
   * at close once the round is closed (for everyone), live from the ballots that count while
   * it is open (the chair, with "Løbende for formanden").
   */
  result: RoundResult | null;
  /**
   * Where `result` comes from: `live` (tallied now, round open), `stored` (the result stored at
   * close), `notComputed` (closed, but no readable stored result: "not computed yet"), `hidden`
   * (results not shown to this user now).
   */
  resultSource: "live" | "stored" | "notComputed" | "hidden";
  /** The result stored at close, validated, for anyone who may see results; else null. */
  storedResult: StoredRoundResult | null;
  /** Why a closed round has no readable stored result (missing or invalid); else null. */
  storedProblem: StoredResultProblem | null;
  /**
   * The ballots that count, for the chair after close (each counted at close and unchanged
   * since); else null.
   */
  memberBallots: Ballot[] | null;
  /** Whether ballots are taken now, with the problem when not. */
  accepts: { ok: true } | { ok: false; problems: Problem[] };
}

/** A ballot whose payload the form can show: an unreadable one shows as empty. */
function showable(b: Ballot): Ballot {
  return isWellFormedPayload(b.payload) ? b : { ...b, payload: { entries: [] } };
}

export async function loadRoundPage(ports: RoundReadPorts, id: RoundId): Promise<RoundPage> {
  const [me, round] = await Promise.all([
    ports.currentUser.me(),
    ports.repositories.rounds.get(id),
  ]);
  const readsAll = mayReadAllBallots(me);
  const [ballots, weights, costs, roster] = await Promise.all([
    ports.repositories.ballots.list({ where: { round: round.id } }),
    roundWeights(ports.repositories, round),
    candidateCosts(ports.repositories, round),
    readsAll ? readVoterRoster(ports.people).then((r) => r.roster) : rosterOfMe(me),
  ]);
  const candidates = round.candidates.map((c) => ({ id: c.id, title: c.title }));
  let criteria: RoundCriterion[] = [];
  if (round.method === "Kriteriescore" && weights.length) {
    const all = await ports.repositories.criteria.list();
    const byId = new Map(all.map((c) => [c.id as number, c]));
    criteria = weights.flatMap((w) => {
      const c = byId.get(w.criterion);
      return c ? [{ criterion: c, weight: w.weight }] : [];
    });
  }
  const { checked, stored } = checkBallotsOf({ round, ballots, weights, costs, roster, readsAll });
  const mine = new Set<number>(
    ballots.filter((b) => b.createdBy?.id === me.person.id).map((b) => b.id),
  );
  const own = checked.own.get(me.person.id) ?? null;
  const accepts = roundAcceptsBallots(round, ports.clock.now());
  const seesResults = canSeeResults(round, me.roles);
  let result: RoundResult | null = null;
  let resultSource: RoundPage["resultSource"] = "hidden";
  if (seesResults && stored) {
    result = stored.ok ? roundResultOf(stored.result) : null;
    resultSource = stored.ok ? "stored" : "notComputed";
  } else if (seesResults && (round.method !== "Kriteriescore" || weights.length > 0)) {
    result = tallyRound(round, checked.valid, weights);
    resultSource = "live";
  }
  return {
    me,
    round,
    candidates,
    criteria,
    costs,
    myBallot: own ? showable(own) : null,
    myIrregularities: checked.irregular.filter((i) => mine.has(i.item)),
    ballotsRead: ballots.length,
    readsAll,
    irregularities: readsAll ? checked.irregular : [],
    result,
    resultSource,
    storedResult: seesResults && stored?.ok ? stored.result : null,
    storedProblem: seesResults && stored && !stored.ok ? stored.problem : null,
    memberBallots: canSeeMemberBallots(round, me.roles) && readsAll ? checked.valid : null,
    accepts,
  };
}

/** The committee's members (the team's Microsoft 365 group) as site people. */
async function committeeMembers(ports: RoundMemberPorts): Promise<Outcome<Person[]>> {
  const teamId = await settingValue(ports.repositories, SETTING_KEYS.committeeTeamId);
  if (!teamId) return refuse("rounds.problem.noCommitteeTeam");
  const directoryMembers = await ports.directory.membersOf(teamId);
  const members: Person[] = [];
  for (const m of directoryMembers) {
    try {
      members.push(await ports.people.ensure(m.email));
    } catch {
      // Someone in the team who is not a user of the site cannot vote here; leave them out.
    }
  }
  return ok(members);
}

/**
 * The committee's voters: the team's members (as site people) who are in the site groups
 * Medlemmer or Formand, so the secretary is not a voter unless also a member. A group whose
 * membership SharePoint hides from this user (`Forbidden`) fails the read, unless
 * `teamIfHidden`: then the whole team (for a member's turnout, which is partial anyway since
 * members read only their own ballot).
 */
export async function committeeVoters(
  ports: RoundMemberPorts,
  options: { teamIfHidden?: boolean } = {},
): Promise<Outcome<Person[]>> {
  const team = await committeeMembers(ports);
  if (!team.ok) return team;
  let roster: Roster;
  try {
    roster = (await readVoterRoster(ports.people)).roster;
  } catch (error) {
    if (options.teamIfHidden && error instanceof StoreError && error.kind === "Forbidden") {
      return team;
    }
    throw error;
  }
  return ok(team.value.filter((p) => isVoter(roster, p.id)));
}

export interface RoundTurnout extends Turnout {
  /** Ballots of the round this user could read. */
  ballotsRead: number;
  /** Whether this user reads every ballot (see mayReadAllBallots). */
  readsAll: boolean;
  /** What this user is shown: everyone's turnout, or (a member) only their own state. */
  view: TurnoutView;
}

/**
 * Who has voted (the committee's voters, as site people), never what. Voted are the authors
 * of the ballots that count; once the round is closed with a stored result, the authors of the
 * ballots it counted (so the names agree with the stored counts, even if a ballot was changed
 * after the close).
 */
export async function loadTurnout(
  ports: RoundMemberPorts,
  given: Round,
): Promise<Outcome<RoundTurnout>> {
  // The round as stored now: whether it is closed, and its stored result, decide who voted.
  const [me, round] = await Promise.all([
    ports.currentUser.me(),
    ports.repositories.rounds.get(given.id),
  ]);
  const readsAll = mayReadAllBallots(me);
  if (!readsAll) return ok(await ownTurnout(ports, me, round));
  const [team, ballots, weights, costs, roster] = await Promise.all([
    committeeVoters(ports),
    ports.repositories.ballots.list({ where: { round: round.id } }),
    roundWeights(ports.repositories, round),
    candidateCosts(ports.repositories, round),
    readsAll ? readVoterRoster(ports.people).then((r) => r.roster) : rosterOfMe(me),
  ]);
  if (!team.ok) return team;
  const { checked, stored } = checkBallotsOf({ round, ballots, weights, costs, roster, readsAll });
  const countedIds = stored?.ok ? new Set<number>(stored.result.counted.map((c) => c.id)) : null;
  const counting = countedIds ? ballots.filter((b) => countedIds.has(b.id)) : checked.valid;
  const voted = new Set<PersonId>(counting.flatMap((b) => (b.createdBy ? [b.createdBy.id] : [])));
  const turnout = turnoutOf(team.value, voted);
  return ok({
    ...turnout,
    ballotsRead: ballots.length,
    readsAll,
    view: turnoutViewFor(turnout, { readsAll, me: me.person.id }),
  });
}

/**
 * A member's turnout: only whether their own ballot counts. A member reads only their own
 * ballot (the list's item-level security) and not the site groups, so neither the team nor the
 * groups are read: nothing the member cannot know is asked for or shown.
 */
async function ownTurnout(ports: RoundMemberPorts, me: Me, round: Round): Promise<RoundTurnout> {
  const [ballots, weights, costs] = await Promise.all([
    ports.repositories.ballots.list({ where: { round: round.id } }),
    roundWeights(ports.repositories, round),
    candidateCosts(ports.repositories, round),
  ]);
  const own = ballots.filter((b) => b.createdBy?.id === me.person.id);
  const { checked } = checkBallotsOf({
    round,
    ballots: own,
    weights,
    costs,
    roster: rosterOfMe(me),
    readsAll: false,
  });
  const voted = new Set<PersonId>(checked.valid.length > 0 ? [me.person.id] : []);
  const turnout = turnoutOf([me.person], voted);
  return {
    ...turnout,
    ballotsRead: ballots.length,
    readsAll: false,
    view: turnoutViewFor(turnout, { readsAll: false, me: me.person.id }),
  };
}

// ---------------------------------------------------------------- the member's ballot

export interface BallotInput {
  round: Round;
  payload: BallotPayload;
  comment: string;
  /** The member's stored ballot when editing; null for a first ballot. */
  existing: Ballot | null;
  criteria: readonly RoundCriterion[];
  costs: ReadonlyMap<InitiativeId, number>;
}

/** The codes of a ballot refused because the round takes no ballots (closed, or not open yet). */
export const ROUND_CLOSED_CODES: readonly string[] = [
  "rounds.problem.roundNotOpen",
  "rounds.problem.notOpenedYet",
  "rounds.problem.roundClosed",
  "rounds.problem.closedMeanwhile",
];

/** Whether a refusal says the round takes no ballots now (closed, or not open yet). */
export function isRoundClosedProblem(p: unknown): p is Problem {
  return isProblem(p) && ROUND_CLOSED_CODES.includes(p.code);
}

/**
 * Saves the signed-in member's ballot. Refused (a returned problem) when the member is not a
 * voter, the round takes no ballots now (see isRoundClosedProblem) or the payload does not fit
 * the method (`rounds.problem.ballot.*`). A first ballot is an add with the key
 * `<round>:<voter>`; when the member already has a ballot in the round that the page did not
 * know of (another tab), it is refused as `rounds.problem.secondBallot` (field ballotKey)
 * instead of writing a second one. Editing updates the member's own ballot, the one they
 * authored (a stale version is the store's `Conflict`, thrown). The round is read again before
 * writing: when it was closed meanwhile (or the store refuses and it turns out closed), the
 * refusal is `rounds.problem.closedMeanwhile`. Nothing in the store refuses a late ballot; one
 * written after the close anyway is not counted when read.
 */
export async function saveBallot(ports: RoundPorts, input: BallotInput): Promise<Outcome<Ballot>> {
  const me = await ports.currentUser.me();
  if (!mayVote(me)) return refuse("rounds.problem.onlyVoters");
  const accepts = roundAcceptsBallots(input.round, ports.clock.now());
  if (!accepts.ok) return err(firstOf(accepts.problems));
  // The page may be stale: the round as stored now decides (closed meanwhile: say so).
  const fresh = await ports.repositories.rounds.get(input.round.id);
  if (!roundAcceptsBallots(fresh, ports.clock.now()).ok) return closedMeanwhile();
  const v = validateBallotForRound(fresh, input.payload, {
    now: ports.clock.now(),
    criteria: input.criteria.map((c) => c.criterion.id),
    costs: input.costs,
  });
  if (!v.ok) return err(firstOf(v.problems));
  const draft = {
    title: `${input.round.title} – ${me.person.name}`,
    round: { id: input.round.id, title: input.round.title },
    ballotKey: ballotKey(input.round.id, me.person.id),
    voter: me.person,
    payload: input.payload,
    comment: input.comment,
  };
  const existing = input.existing;
  if (existing && existing.createdBy?.id !== me.person.id) {
    return refuse("rounds.problem.notOwnBallot");
  }
  try {
    if (!existing) {
      // The member's own ballot as the counting finds it (the first they wrote in the round's
      // window under their own name), in case the page did not know of it.
      const stored = await ports.repositories.ballots.list({ where: { round: input.round.id } });
      const { own } = checkRoundBallots(fresh, stored, {
        roster: rosterOfMe(me),
        criteria: input.criteria.map((c) => c.criterion.id),
        costs: input.costs,
        closedAt: null,
        counted: null,
      });
      if (own.has(me.person.id)) {
        return refuse("rounds.problem.secondBallot", undefined, "ballotKey");
      }
      return ok(await ports.repositories.ballots.add(draft));
    }
    const version = await ports.repositories.ballots.update({
      ...draft,
      id: existing.id,
      version: existing.version,
    });
    return ok({ ...existing, ...draft, version });
  } catch (error) {
    if (await closedSince(ports, input.round, error)) return closedMeanwhile();
    throw error;
  }
}

function firstOf(problems: readonly Problem[]): Problem {
  return problems[0] ?? problem("rounds.problem.roundNotOpen");
}

/**
 * Whether a refused write of a ballot is explained by the round no longer being open (closed
 * while the member was voting); otherwise the store's own error stands.
 */
async function closedSince(ports: RoundPorts, round: Round, error: unknown): Promise<boolean> {
  if (
    !(error instanceof StoreError) ||
    !["Conflict", "Forbidden", "NotFound"].includes(error.kind)
  ) {
    return false;
  }
  try {
    const fresh = await ports.repositories.rounds.get(round.id);
    return !roundAcceptsBallots(fresh, ports.clock.now()).ok;
  } catch {
    return false;
  }
}

/** The refusal of a ballot because the round closed while the member was voting. */
function closedMeanwhile(): { ok: false; error: Problem } {
  return refuse("rounds.problem.closedMeanwhile", undefined, "round");
}

// ---------------------------------------------------------------- reminders

/** The reminder to one member who has not voted; built with SafeHtml (names, titles escaped). */
export function ballotReminderMail(
  person: Person,
  round: Round,
  options: { link: string; closesText: string | null; senderName: string },
) {
  const closes = options.closesText ? markup` Runden lukker ${options.closesText}.` : null;
  const html = toHtmlString(
    markup`<p>Kære ${person.name}</p><p>Du har endnu ikke stemt i prioriteringsrunden ${round.title}.${closes}</p><p>${link(options.link, "Afgiv din stemme i Digistyr", { allowLocalhost: true })}</p><p>Venlig hilsen<br>${options.senderName}</p>`,
  );
  return { to: [person.email], subject: `Påmindelse: prioriteringsrunden ${round.title}`, html };
}

export interface ReminderOutcome {
  sent: Person[];
  failed: { person: Person; error: unknown }[];
}

/** One mail to each member who has not voted (nobody sees who else is behind). */
export async function sendBallotReminders(
  ports: RoundMailPorts,
  round: Round,
  notVoted: readonly Person[],
  options: { link: string; closesText: string | null },
): Promise<Outcome<ReminderOutcome>> {
  const me = await ports.currentUser.me();
  if (!mayManageRounds(me)) return refuse("rounds.problem.onlyManagersRemind");
  const outcome: ReminderOutcome = { sent: [], failed: [] };
  for (const person of notVoted) {
    try {
      await ports.mailer.send(
        ballotReminderMail(person, round, { ...options, senderName: me.person.name }),
      );
      outcome.sent.push(person);
    } catch (error) {
      outcome.failed.push({ person, error });
    }
  }
  return ok(outcome);
}
