/**
 * Priority rounds (issue 5 §2) through the ports: opening a round over chosen candidates (with
 * a notice in the committee's Teams channel), a member's own ballot (one per member per round:
 * the store's unique BallotKey makes a second add a `Conflict`), turnout, closing, results, and
 * reminder mails to the members who have not voted.
 *
 * Reading other members' ballots: the Ballots list is "read own / edit own" for members
 * (lists-schema/Ballots.json); the chair, the secretariat and the site's owners read every
 * ballot, so turnout and results are complete for them. Members are told they read only their
 * own.
 *
 * Closing is enforced by the store, not only here: `closeRound` writes an "Ikke afgivet" ballot
 * for each member of the committee without one (the unique key then refuses a later ballot)
 * and locks every ballot of the round (its voter may read it; only the chair, the secretariat
 * and the owners may change it). It can be repeated to finish an interrupted close.
 *
 * Results for members: since a member reads only their own ballot, the close (done by the chair
 * or the secretary, who read every ballot) computes the tally and stores it on the round
 * (Rounds ResultJson, aggregates only: see StoredRoundResult); members read that after close,
 * the chair and the secretariat keep the live view with each member's ballot.
 *
 * Voters: the committee's team (Settings committee.teamId) also holds the secretary; the ones
 * who cast ballots are the team's members in the site groups Medlemmer or Formand (the Ballots
 * list's contributors), read through SitePeople.groupMembers.
 */
import type { Clock } from "../domain/clock.js";
import type { Person } from "../domain/common.js";
import { StoreError } from "../domain/errors.js";
import type { InitiativeId, RoundId } from "../domain/ids.js";
import {
  type Ballot,
  type BallotDraft,
  ballotKey,
  type BallotPayload,
  type Criterion,
  type CriterionWeight,
  type Round,
  type RoundDraft,
  validateRound,
  type WeightSet,
} from "../domain/prioritization.js";
import { hasRole, type Me, ROLE_GROUPS } from "../domain/roles.js";
import { link, markup, toHtmlString } from "../domain/safe-html.js";
import { SETTING_KEYS } from "../domain/strategy.js";
import {
  ballotStanding,
  canSeeMemberBallots,
  canSeeResults,
  type IrregularBallot,
  irregularBallots,
  notCastPayload,
  readStoredResult,
  roundAcceptsBallots,
  type RoundResult,
  roundResultOf,
  serializeStoredResult,
  storedResultOf,
  type StoredResultProblem,
  type StoredRoundResult,
  tallyRound,
  type Turnout,
  turnout,
  validateBallotForRound,
} from "../domain/tally.js";
import type { ChannelPoster } from "../ports/channel.js";
import type { CurrentUser, SitePeople } from "../ports/current-user.js";
import type { Directory } from "../ports/directory.js";
import type { Mailer } from "../ports/mail.js";
import type { InitiativeSlice, Repositories } from "../ports/repositories.js";
import type { Versioned } from "../ports/repository.js";

export interface RoundPorts {
  repositories: Repositories;
  currentUser: CurrentUser;
  clock: Clock;
}

export interface RoundNoticePorts extends RoundPorts {
  channel: ChannelPoster;
}

export interface RoundMemberPorts extends RoundPorts {
  directory: Directory;
  people: SitePeople;
}

export interface RoundMailPorts extends RoundPorts {
  mailer: Mailer;
}

/** The site groups whose members cast ballots (Contribute on the Ballots list). */
export const VOTER_GROUPS: readonly string[] = [ROLE_GROUPS.member, ROLE_GROUPS.chair];

/** Who may open, close and remind: the secretary and the chair. */
export function mayManageRounds(me: Me): boolean {
  return hasRole(me, "secretary") || hasRole(me, "chair");
}

/** Who casts ballots: the committee's members and the chair (the Ballots list's Contribute). */
export function mayVote(me: Me): boolean {
  return hasRole(me, "member") || hasRole(me, "chair");
}

/**
 * Who reads every ballot: the chair and the secretariat (Full Control of the Ballots list,
 * which bypasses its own-items security) and the site's owners. Members read only their own.
 */
export function mayReadAllBallots(me: Me): boolean {
  return hasRole(me, "owner") || hasRole(me, "chair") || hasRole(me, "secretary");
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
): Promise<OpenedRound> {
  const me = await ports.currentUser.me();
  if (!mayManageRounds(me)) {
    throw new StoreError("Forbidden", "Kun sekretariatet og formanden kan åbne en runde.");
  }
  const full: RoundDraft = { ...draft, state: "Åben" };
  const v = validateRound(full);
  if (!v.ok) throw new StoreError("Invalid", v.problems.map((p) => p.message).join(" "));
  if (full.method === "Kriteriescore" && !full.weightSet) {
    throw new StoreError("Invalid", "En kriteriescore-runde skal have et vægtsæt.");
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
  return { round, notice };
}

/** What closing a round did. */
export interface CloseOutcome {
  /** Ballots of the round locked in the store ("Ikke afgivet" ones included). */
  locked: number;
  /** Members who got an "Ikke afgivet" ballot now. */
  notCast: Person[];
  /**
   * Why the committee's members could not be read (committee.teamId missing, directory
   * failed); then no "Ikke afgivet" ballots were written, and members without a ballot could
   * still add one. Null when they were read.
   */
  membersError: unknown;
  /**
   * The result stored on the round for members to read, or null when it cannot be computed
   * (a Kriteriescore round whose weight set has no weights).
   */
  stored: StoredRoundResult | null;
}

/** A stored round as the draft an update writes (the store's meta fields left out). */
function draftOf(round: Round): Versioned<RoundDraft, RoundId> {
  const { created: _c, modified: _m, createdBy: _cb, modifiedBy: _mb, ...rest } = round;
  return rest;
}

/** The "Ikke afgivet" ballot written at close for a member who had not voted. */
export function notCastBallot(round: Round, member: Person): BallotDraft {
  return {
    title: `${round.title} – ${member.name} (ikke afgivet)`,
    round: { id: round.id, title: round.title },
    ballotKey: ballotKey(round.id, member.id),
    voter: member,
    payload: notCastPayload(),
    comment: "Ikke afgivet: runden blev lukket, før der var stemt.",
  };
}

/**
 * Closes an open round (the chair or the secretary): stored as Lukket, so results appear; then,
 * so the store itself refuses any later ballot, an "Ikke afgivet" ballot for each member of the
 * committee (Settings committee.teamId, as site people) who has none, and every ballot of the
 * round locked (BallotRepository.lock). Repeating it on a closed round finishes what an
 * interrupted close left undone. The store's refusals pass on (e.g. `Forbidden` to lock).
 */
export async function closeRound(ports: RoundMemberPorts, round: Round): Promise<CloseOutcome> {
  const me = await ports.currentUser.me();
  if (!mayManageRounds(me)) {
    throw new StoreError("Forbidden", "Kun sekretariatet og formanden kan lukke en runde.");
  }
  const current = await ports.repositories.rounds.get(round.id);
  if (current.state === "Åben") {
    await ports.repositories.rounds.update({ ...draftOf(current), state: "Lukket" });
  } else if (current.state !== "Lukket") {
    throw new StoreError("Invalid", `Kun en åben runde kan lukkes (status: ${current.state}).`);
  }
  const closed: Round = { ...current, state: "Lukket" };
  const readBallots = () => ports.repositories.ballots.list({ where: { round: round.id } });
  let ballots = await readBallots();
  let members: Person[] = [];
  let membersError: unknown = null;
  try {
    members = await committeeVoters(ports);
  } catch (error) {
    membersError = error;
  }
  const keys = new Set(ballots.map((b) => b.ballotKey));
  const missing = members.filter((m) => !keys.has(ballotKey(round.id, m.id)));
  const notCast: Person[] = [];
  if (missing.length > 0) {
    const results = await ports.repositories.ballots.addMany(
      missing.map((m) => notCastBallot(closed, m)),
    );
    results.forEach((r, i) => {
      // A Conflict is a ballot with that key already there (the member's own, added just
      // before the close, or an earlier close's): it is read and locked below.
      if (r.ok) notCast.push(missing[i]!);
      else if (r.error.kind !== "Conflict") throw r.error;
    });
    ballots = await readBallots();
  }
  const ofRound = ballots.filter((b) => b.round?.id === round.id);
  await ports.repositories.ballots.lock(ofRound);
  const stored = await storeResult(ports, closed, ofRound, membersError ? null : members);
  return { locked: ofRound.length, notCast, membersError, stored };
}

/**
 * Computes the closed round's result from every ballot (the caller reads all) and stores it on
 * the round, replacing an earlier one; the first close's time is kept. Null when a
 * Kriteriescore round's weight set has no weights (nothing to weigh with).
 */
async function storeResult(
  ports: RoundPorts,
  round: Round,
  ballots: readonly Ballot[],
  voters: readonly Person[] | null,
): Promise<StoredRoundResult | null> {
  const weights = round.weightSet
    ? ((await ports.repositories.weightSets.get(round.weightSet.id)).weights ?? [])
    : [];
  if (round.method === "Kriteriescore" && weights.length === 0) return null;
  const now = ports.clock.now();
  const fresh = await ports.repositories.rounds.get(round.id);
  const earlier = readStoredResult(fresh);
  const stored = storedResultOf(tallyRound(fresh, ballots, weights), {
    closedAt: earlier.ok ? earlier.result.closedAt : now,
    computedAt: now,
    flagged: irregularBallots(fresh, ballots).length,
    turnout: voters ? turnout(fresh, ballots, voters) : null,
  });
  await ports.repositories.rounds.update({
    ...draftOf(fresh),
    resultJson: serializeStoredResult(stored),
  });
  return stored;
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
  /** The signed-in member's own ballot (one they cast), or null. */
  myBallot: Ballot | null;
  /** The member's own ballot was changed by someone else (left out of the tally). */
  myBallotChanged: boolean;
  /** Every ballot of the round this user may read (all, for the chair, secretariat, owners). */
  ballotsRead: number;
  /** Whether this user reads every ballot (see mayReadAllBallots). */
  readsAll: boolean;
  /** Ballots left out of the tally: in another's name, changed by another, or badly keyed. */
  irregular: IrregularBallot[];
  /**
   * Results when the round's visibility allows them to this user, else null: live from the
   * ballots for those who read them all (the chair, the secretariat, the owners), the result
   * stored at close for members (see `resultSource`).
   */
  result: RoundResult | null;
  /**
   * Where `result` comes from: `live` (tallied now), `stored` (the result stored at close),
   * `notComputed` (closed, but no readable stored result: "not computed yet"), `hidden`
   * (results not shown to this user now).
   */
  resultSource: "live" | "stored" | "notComputed" | "hidden";
  /** The result stored at close, validated, for anyone who may see results; else null. */
  storedResult: StoredRoundResult | null;
  /** Why a closed round has no readable stored result (missing or invalid); else null. */
  storedProblem: StoredResultProblem | null;
  /**
   * Each member's ballot, for the chair after close ("Ikke afgivet" ones and ones changed by
   * someone else included, to be shown as such; foreign and badly keyed ones left out); else
   * null.
   */
  memberBallots: Ballot[] | null;
  /** Whether ballots are taken now, with the reason when not. */
  accepts: { ok: true } | { ok: false; reason: string };
}

export async function loadRoundPage(ports: RoundPorts, id: RoundId): Promise<RoundPage> {
  const [me, round] = await Promise.all([
    ports.currentUser.me(),
    ports.repositories.rounds.get(id),
  ]);
  const ids = round.candidates.map((c) => c.id);
  const [ballots, weightSet, lines] = await Promise.all([
    ports.repositories.ballots.list({ where: { round: round.id } }),
    round.weightSet ? ports.repositories.weightSets.get(round.weightSet.id) : null,
    round.method === "Budget" && ids.length
      ? ports.repositories.budgetLines.list({ where: { initiative: ids, kind: "Anlæg" } })
      : Promise.resolve([]),
  ]);
  const candidates = round.candidates.map((c) => ({ id: c.id, title: c.title }));
  let criteria: RoundCriterion[] = [];
  const weights: CriterionWeight[] = weightSet?.weights ?? [];
  if (round.method === "Kriteriescore" && weights.length) {
    const all = await ports.repositories.criteria.list();
    const byId = new Map(all.map((c) => [c.id as number, c]));
    criteria = weights.flatMap((w) => {
      const c = byId.get(w.criterion);
      return c ? [{ criterion: c, weight: w.weight }] : [];
    });
  }
  const costs = new Map<InitiativeId, number>();
  for (const l of lines) {
    if (!l.initiative) continue;
    costs.set(l.initiative.id, (costs.get(l.initiative.id) ?? 0) + (l.amount ?? 0));
  }
  // One's own ballot is one cast by oneself; an "Ikke afgivet" ballot written at close is not.
  const own = ballots.filter(
    (b) =>
      b.voter?.id === me.person.id &&
      b.round?.id === round.id &&
      ["vote", "changed"].includes(ballotStanding(round, b)),
  );
  const myBallot = own.sort((a, b) => Date.parse(b.modified) - Date.parse(a.modified))[0] ?? null;
  const accepts = roundAcceptsBallots(round, ports.clock.now());
  const seesResults = canSeeResults(round, me.roles);
  const readsAll = mayReadAllBallots(me);
  const stored = round.state === "Lukket" ? readStoredResult(round) : null;
  let result: RoundResult | null = null;
  let resultSource: RoundPage["resultSource"] = "hidden";
  if (seesResults && (readsAll || round.state !== "Lukket")) {
    if (round.method !== "Kriteriescore" || weights.length > 0) {
      result = tallyRound(round, ballots, weights);
      resultSource = "live";
    }
  } else if (seesResults && stored) {
    result = stored.ok ? roundResultOf(stored.result) : null;
    resultSource = stored.ok ? "stored" : "notComputed";
  }
  return {
    me,
    round,
    candidates,
    criteria,
    costs,
    myBallot,
    myBallotChanged: myBallot !== null && ballotStanding(round, myBallot) === "changed",
    ballotsRead: ballots.length,
    readsAll,
    irregular: irregularBallots(round, ballots),
    result,
    resultSource,
    storedResult: seesResults && stored?.ok ? stored.result : null,
    storedProblem: seesResults && stored && !stored.ok ? stored.problem : null,
    memberBallots: canSeeMemberBallots(round, me.roles)
      ? ballots.filter((b) => {
          const standing = ballotStanding(round, b);
          return b.round?.id === round.id && standing !== "foreign" && standing !== "badKey";
        })
      : null,
    accepts: accepts.ok
      ? { ok: true }
      : { ok: false, reason: accepts.problems.map((p) => p.message).join(" ") },
  };
}

/** The committee's members (the team's Microsoft 365 group) as site people. */
async function committeeMembers(ports: RoundMemberPorts): Promise<Person[]> {
  const teamId = await settingValue(ports.repositories, SETTING_KEYS.committeeTeamId);
  if (!teamId) {
    throw new StoreError(
      "NotFound",
      "Styregruppens team er ikke sat op under Indstillinger (committee.teamId).",
    );
  }
  const directoryMembers = await ports.directory.membersOf(teamId);
  const members: Person[] = [];
  for (const m of directoryMembers) {
    try {
      members.push(await ports.people.ensure(m.email));
    } catch {
      // Someone in the team who is not a user of the site cannot vote here; leave them out.
    }
  }
  return members;
}

/**
 * The committee's voters: the team's members (as site people) who are in the site groups
 * Medlemmer or Formand, so the secretary is not a voter unless also a member. When the people
 * port cannot read site groups, the whole team. A group whose membership SharePoint hides from
 * this user (`Forbidden`) fails the read, unless `teamIfHidden`: then the whole team (for a
 * member's turnout, which is partial anyway since members read only their own ballot).
 */
export async function committeeVoters(
  ports: RoundMemberPorts,
  options: { teamIfHidden?: boolean } = {},
): Promise<Person[]> {
  const team = await committeeMembers(ports);
  const groupMembers = ports.people.groupMembers?.bind(ports.people);
  if (!groupMembers) return team;
  let groups: Person[][];
  try {
    groups = await Promise.all(VOTER_GROUPS.map((g) => groupMembers(g)));
  } catch (error) {
    if (options.teamIfHidden && error instanceof StoreError && error.kind === "Forbidden") {
      return team;
    }
    throw error;
  }
  const ids = new Set<number>(groups.flat().map((p) => p.id));
  return team.filter((p) => ids.has(p.id));
}

export interface RoundTurnout extends Turnout {
  /** Ballots of the round this user could read. */
  ballotsRead: number;
  /** Whether this user reads every ballot (see mayReadAllBallots). */
  readsAll: boolean;
  /**
   * Closed round, read by someone who reads all ballots: members with no ballot at all, not
   * even "Ikke afgivet", so the close was not finished (closing again finishes it).
   */
  unsettled: Person[];
}

/** Who has voted (the committee's voters, as site people), never what. */
export async function loadTurnout(ports: RoundMemberPorts, round: Round): Promise<RoundTurnout> {
  const me = await ports.currentUser.me();
  const readsAll = mayReadAllBallots(me);
  const [members, ballots] = await Promise.all([
    committeeVoters(ports, { teamIfHidden: !readsAll }),
    ports.repositories.ballots.list({ where: { round: round.id } }),
  ]);
  const keys = new Set(ballots.map((b) => b.ballotKey));
  const unsettled =
    readsAll && round.state === "Lukket"
      ? members.filter((m) => !keys.has(ballotKey(round.id, m.id)))
      : [];
  return { ...turnout(round, ballots, members), ballotsRead: ballots.length, readsAll, unsettled };
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

/** `StoreError.details.code` when a ballot is refused because the round is not open. */
export const ROUND_CLOSED = "RoundClosed";

/** Whether the error is a ballot refused because the round is closed (or not open yet). */
export function isRoundClosedError(e: unknown): e is StoreError {
  return e instanceof StoreError && e.details.code === ROUND_CLOSED;
}

/**
 * Saves the signed-in member's ballot: refused when the round takes no ballots now (`Invalid`,
 * code ROUND_CLOSED) or the payload does not fit the method (`Invalid`, Danish messages). A
 * first ballot is an add with the key `<round>:<voter>`; the store refuses a second one
 * (`Conflict`). Editing updates the member's own ballot (a stale version is a `Conflict` too).
 * When the store refuses because the round was closed meanwhile (the "Ikke afgivet" ballot's
 * key, a locked ballot), the round is read again and the refusal says the round is closed
 * (`Forbidden`, code ROUND_CLOSED).
 */
export async function saveBallot(ports: RoundPorts, input: BallotInput): Promise<Ballot> {
  const me = await ports.currentUser.me();
  if (!mayVote(me)) {
    throw new StoreError("Forbidden", "Kun udvalgets medlemmer og formanden kan stemme.");
  }
  const accepts = roundAcceptsBallots(input.round, ports.clock.now());
  if (!accepts.ok) {
    throw new StoreError("Invalid", accepts.problems.map((p) => p.message).join(" "), {
      field: "round",
      code: ROUND_CLOSED,
    });
  }
  const v = validateBallotForRound(input.round, input.payload, {
    now: ports.clock.now(),
    criteria: input.criteria.map((c) => c.criterion.id),
    costs: input.costs,
  });
  if (!v.ok) throw new StoreError("Invalid", v.problems.map((p) => p.message).join(" "));
  const draft = {
    title: `${input.round.title} – ${me.person.name}`,
    round: { id: input.round.id, title: input.round.title },
    ballotKey: ballotKey(input.round.id, me.person.id),
    voter: me.person,
    payload: input.payload,
    comment: input.comment,
  };
  const existing = input.existing;
  if (existing && existing.voter?.id !== me.person.id) {
    throw new StoreError("Forbidden", "Du kan kun ændre din egen stemmeseddel.");
  }
  try {
    if (!existing) return await ports.repositories.ballots.add(draft);
    const version = await ports.repositories.ballots.update({
      ...draft,
      id: existing.id,
      version: existing.version,
    });
    return { ...existing, ...draft, version };
  } catch (error) {
    throw await closedMeanwhile(ports, input.round, error);
  }
}

/**
 * A refused write of a ballot, explained: when the round is no longer open (closed while the
 * member was voting), a `Forbidden` saying so; otherwise the store's own error.
 */
async function closedMeanwhile(ports: RoundPorts, round: Round, error: unknown): Promise<unknown> {
  if (
    !(error instanceof StoreError) ||
    !["Conflict", "Forbidden", "NotFound"].includes(error.kind)
  ) {
    return error;
  }
  let fresh: Round;
  try {
    fresh = await ports.repositories.rounds.get(round.id);
  } catch {
    return error;
  }
  if (roundAcceptsBallots(fresh, ports.clock.now()).ok) return error;
  return new StoreError(
    "Forbidden",
    "Runden er lukket, så din stemme kan ikke længere afgives eller ændres.",
    { field: "round", code: ROUND_CLOSED, status: error.details.status },
  );
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
): Promise<ReminderOutcome> {
  const me = await ports.currentUser.me();
  if (!mayManageRounds(me)) {
    throw new StoreError("Forbidden", "Kun sekretariatet og formanden kan sende påmindelser.");
  }
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
  return outcome;
}
