/**
 * Priority rounds (issue 5 §2) through the ports: opening a round over chosen candidates (with
 * a notice in the committee's Teams channel), a member's own ballot (one per member per round:
 * the store's unique BallotKey makes a second add a `Conflict`), turnout, closing, results, and
 * reminder mails to the members who have not voted.
 *
 * Reading other members' ballots: the Ballots list is "read own / edit own" (docs/data-model.md),
 * so turnout and results are only complete for an identity that may read every ballot (the
 * site's owners). The page says how many ballots it could read.
 */
import type { Clock } from "../domain/clock.js";
import type { Person } from "../domain/common.js";
import { StoreError } from "../domain/errors.js";
import type { InitiativeId, RoundId } from "../domain/ids.js";
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
import { hasRole, type Me } from "../domain/roles.js";
import { link, markup, toHtmlString } from "../domain/safe-html.js";
import { SETTING_KEYS } from "../domain/strategy.js";
import {
  canSeeMemberBallots,
  canSeeResults,
  foreignBallots,
  roundAcceptsBallots,
  type RoundResult,
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

/** Who may open, close and remind: the secretary and the chair. */
export function mayManageRounds(me: Me): boolean {
  return hasRole(me, "secretary") || hasRole(me, "chair");
}

/** Who casts ballots: the committee's members and the chair (the Ballots list's Contribute). */
export function mayVote(me: Me): boolean {
  return hasRole(me, "member") || hasRole(me, "chair");
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

/** Closes an open round (the chair or the secretary): no more ballots, results appear. */
export async function closeRound(ports: RoundPorts, round: Round): Promise<void> {
  const me = await ports.currentUser.me();
  if (!mayManageRounds(me)) {
    throw new StoreError("Forbidden", "Kun sekretariatet og formanden kan lukke en runde.");
  }
  const {
    id,
    version,
    created: _c,
    modified: _m,
    createdBy: _cb,
    modifiedBy: _mb,
    ...rest
  } = round;
  await ports.repositories.rounds.update({ ...rest, id, version, state: "Lukket" });
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
  /** The signed-in member's own ballot, or null. */
  myBallot: Ballot | null;
  /** Every ballot of the round this user may read (all, for the site's owners). */
  ballotsRead: number;
  /** Ballots cast in another person's name (never counted). */
  foreign: Ballot[];
  /** Results when the round's visibility allows them to this user, else null. */
  result: RoundResult | null;
  /** Each member's ballot, for the chair after close; else null. */
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
  const own = ballots.filter((b) => b.voter?.id === me.person.id);
  const myBallot = own.sort((a, b) => Date.parse(b.modified) - Date.parse(a.modified))[0] ?? null;
  const accepts = roundAcceptsBallots(round, ports.clock.now());
  const seesResults = canSeeResults(round, me.roles);
  return {
    me,
    round,
    candidates,
    criteria,
    costs,
    myBallot,
    ballotsRead: ballots.length,
    foreign: foreignBallots(round, ballots),
    result:
      seesResults && (round.method !== "Kriteriescore" || weights.length > 0)
        ? tallyRound(round, ballots, weights)
        : null,
    memberBallots: canSeeMemberBallots(round, me.roles)
      ? ballots.filter((b) => foreignBallots(round, [b]).length === 0)
      : null,
    accepts: accepts.ok
      ? { ok: true }
      : { ok: false, reason: accepts.problems.map((p) => p.message).join(" ") },
  };
}

/** The committee's members (the team's Microsoft 365 group) as site people, for turnout. */
export async function loadTurnout(
  ports: RoundMemberPorts,
  round: Round,
): Promise<Turnout & { ballotsRead: number }> {
  const teamId = await settingValue(ports.repositories, SETTING_KEYS.committeeTeamId);
  if (!teamId) {
    throw new StoreError(
      "NotFound",
      "Styregruppens team er ikke sat op under Indstillinger (committee.teamId).",
    );
  }
  const [directoryMembers, ballots] = await Promise.all([
    ports.directory.membersOf(teamId),
    ports.repositories.ballots.list({ where: { round: round.id } }),
  ]);
  const members: Person[] = [];
  for (const m of directoryMembers) {
    try {
      members.push(await ports.people.ensure(m.email));
    } catch {
      // Someone in the team who is not a user of the site cannot vote here; leave them out.
    }
  }
  return { ...turnout(round, ballots, members), ballotsRead: ballots.length };
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

/**
 * Saves the signed-in member's ballot: refused when the round takes no ballots now or the
 * payload does not fit the method (`Invalid`, Danish messages). A first ballot is an add with
 * the key `<round>:<voter>`; the store refuses a second one (`Conflict`). Editing updates the
 * member's own ballot (a stale version is a `Conflict` too).
 */
export async function saveBallot(ports: RoundPorts, input: BallotInput): Promise<Ballot> {
  const me = await ports.currentUser.me();
  if (!mayVote(me)) {
    throw new StoreError("Forbidden", "Kun udvalgets medlemmer og formanden kan stemme.");
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
  if (!input.existing) return ports.repositories.ballots.add(draft);
  if (input.existing.voter?.id !== me.person.id) {
    throw new StoreError("Forbidden", "Du kan kun ændre din egen stemmeseddel.");
  }
  const version = await ports.repositories.ballots.update({
    ...draft,
    id: input.existing.id,
    version: input.existing.version,
  });
  return { ...input.existing, ...draft, version };
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
