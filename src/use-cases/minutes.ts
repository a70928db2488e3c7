/**
 * Minutes, decisions and follow-up actions of a meeting through the ports.
 *
 * - Every edit (a point's minutes and decision, an action added, changed or removed) first
 *   writes the meeting: the first save after the start makes it Afholdt, an edit after approval
 *   clears the approval (back to Afholdt), and the meeting's version moves on, so a chair who
 *   approves what they read before the edit gets a `Conflict` instead of approving unseen text.
 * - Four eyes: the chair's approval is an item in MinutesApprovals, which only Formand can
 *   write, pinned to the fingerprint of the minutes the chair read. Whether minutes are approved
 *   is decided when read (`minutesStanding`): the meeting's State is only a claim, and posting
 *   needs the valid approval. `minutesIrregularities` lists what does not hold.
 * - The chair's approval ("Referat godkendt") is followed, in the same session, by posting the
 *   minutes to Chefforum's channel (Settings chefforum.teamId / chefforum.channelId): the poster
 *   first takes an ETag-guarded claim on the meeting, so two posts started at the same moment
 *   post once; then one message per part (src/domain/minutes.ts splits them), each part's
 *   message id stored on the meeting as soon as it is posted, and before posting a part the
 *   channel's recent messages are searched for its unique subject, so neither a retry nor a
 *   crash between posting and storing posts a part twice. After the last part the meeting is
 *   "Referat udsendt". A failure leaves it "Referat godkendt" with the parts that went out
 *   recorded; `postApprovedMinutes` finishes.
 */
import type { OnItemsRead } from "../domain/audit.js";
import type { Clock } from "../domain/clock.js";
import { ok, type Person, type Ref } from "../domain/common.js";
import { isStoreError, StoreError } from "../domain/errors.js";
import type { FundingProposal } from "../domain/funding.js";
import type { DecisionId, MeetingId } from "../domain/ids.js";
import { type Irregularity, sortIrregularities } from "../domain/irregularities.js";
import type { TransitionRefusal } from "../domain/lifecycle.js";
import { meetingAsOf } from "../domain/meeting-plan.js";
import type {
  AgendaItem,
  Decision,
  DecisionDraft,
  FollowUpAction,
  FollowUpActionDraft,
  Meeting,
  MeetingDraft,
  MinutesApproval,
} from "../domain/meetings.js";
import {
  approvalChanges,
  approvalDraft,
  checkApproval,
  checkApprovals,
  checkMinutesEdit,
  checkPosting,
  claimState,
  editClearsApproval,
  formatClaim,
  formatPosting,
  mayApproveMinutes,
  minutesDocument,
  type MinutesEditProblem,
  type MinutesRefusal,
  type MinutesStanding,
  minutesStanding,
  parseClaim,
  parsePosting,
  splitMinutes,
  stateAfterMinutesEdit,
} from "../domain/minutes.js";
import type { Initiative } from "../domain/portfolio.js";
import { type Outcome, refuse } from "../domain/problems.js";
import { type Me, ROLE_GROUPS, type Roster, rosterFrom } from "../domain/roles.js";
import { SETTING_KEYS } from "../domain/strategy.js";
import type { ActionState, Forum, Phase } from "../domain/vocabulary.js";
import type { ChannelPoster } from "../ports/channel.js";
import type { CurrentUser, SitePeople } from "../ports/current-user.js";
import type { Repositories } from "../ports/repositories.js";
import { decideProposal } from "./funding-proposals.js";
import { changePhase } from "./phase-change.js";

export interface MinutesPorts {
  repositories: Repositories;
  currentUser: CurrentUser;
  clock: Clock;
  /** Formand's members (`groupMembers`), to judge who wrote an approval. */
  people: SitePeople;
}

export interface MinutesPostPorts extends MinutesPorts {
  channel: ChannelPoster;
  /** Waits while another poster holds the claim (real timers unless given). */
  sleep?: (ms: number) => Promise<void>;
  /** A token unique to one posting attempt (a random UUID unless given). */
  newToken?: () => string;
}

/** Writing the minutes needs no roster. */
export type EditPorts = Omit<MinutesPorts, "people">;

/**
 * Who is in Formand, from the site group's membership (a fact SharePoint keeps). Without a way
 * to read site groups nobody is: no approval counts (fail closed).
 */
async function readRoster(people: SitePeople): Promise<Roster> {
  const chairs = people.groupMembers ? await people.groupMembers(ROLE_GROUPS.chair) : [];
  return rosterFrom({ chair: chairs });
}

/** How many of the channel's newest messages are searched for a part already posted. */
export const RECENT_MESSAGES = 50;

/**
 * At most this many messages per posting: their ids (13 digits each in Teams) must fit
 * Meetings.ChannelMessageId (255 characters) with the revision.
 */
export const MAX_MINUTES_PARTS = 16;

// ---------------------------------------------------------------- helpers

type Meta = "created" | "modified" | "createdBy" | "modifiedBy";

function withoutMeta<T extends Record<Meta, unknown>>(entity: T): Omit<T, Meta> {
  const { created: _c, modified: _m, createdBy: _cb, modifiedBy: _mb, ...rest } = entity;
  return rest;
}

const refOf = <I>(x: { id: I; title: string }): { id: I; title: string } => ({
  id: x.id,
  title: x.title,
});

/** Reads a setting's value by key, or null when absent or empty. */
async function settingValue(repositories: Repositories, key: string): Promise<string | null> {
  const found = await repositories.settings.list({ where: { key }, limit: 1 });
  const v = found[0]?.value.trim() ?? "";
  return v === "" ? null : v;
}

// ---------------------------------------------------------------- loading

export interface MinutesPage {
  me: Me;
  meeting: Meeting;
  /** The agenda's points in order. */
  items: AgendaItem[];
  decisions: Decision[];
  actions: FollowUpAction[];
  /** The initiatives the points concern (for moving a phase with a decision). */
  initiatives: Initiative[];
  /**
   * Whether the minutes are approved, from the approvals list (never from the meeting's state
   * alone), with what is irregular; null when this user cannot see who is in Formand, so no
   * approval can be checked (and none is shown as valid).
   */
  standing: MinutesStanding | null;
}

export async function loadMinutes(ports: MinutesPorts, meetingId: MeetingId): Promise<MinutesPage> {
  const { repositories } = ports;
  const [me, meeting, items, decisions, actions, approvals, roster] = await Promise.all([
    ports.currentUser.me(),
    // Held once its end has passed, though nobody saved it since: the chair may approve.
    repositories.meetings.get(meetingId).then((m) => meetingAsOf(m, ports.clock.now())),
    repositories.agendaItems.list({ where: { meeting: meetingId } }),
    repositories.decisions.list({ where: { meeting: meetingId } }),
    repositories.actions.list({ where: { meeting: meetingId } }),
    repositories.minutesApprovals.list({ where: { meeting: meetingId } }),
    readRoster(ports.people).catch((error: unknown) => {
      if (isStoreError(error, "Forbidden") || isStoreError(error, "NotFound")) return null;
      throw error;
    }),
  ]);
  const standing = roster
    ? minutesStanding({ meeting, approvals, content: { items, decisions, actions }, roster })
    : null;
  const sorted = [...items].sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
  const initiativeIds = [
    ...new Set(sorted.flatMap((i) => (i.initiative ? [i.initiative.id] : []))),
  ];
  const initiatives = await Promise.all(
    initiativeIds.map((id) => repositories.initiatives.get(id)),
  );
  return { me, meeting, items: sorted, decisions, actions, initiatives, standing };
}

// ---------------------------------------------------------------- editing

/**
 * The first step of every edit: the meeting as stored now, moved to the state the edit gives it
 * (Afholdt after the start; approval cleared) and written with its version, so the edit and a
 * concurrent approval cannot both win. `seen` is the meeting as the user saw it: if it has been
 * approved since, and the user was not told that saving clears the approval, it is a Conflict.
 */
async function beginEdit(
  ports: EditPorts,
  seen: Meeting,
): Promise<Outcome<Meeting, MinutesEditProblem>> {
  const me = await ports.currentUser.me();
  const fresh = await ports.repositories.meetings.get(seen.id);
  const allowed = checkMinutesEdit(fresh, me);
  if (!allowed.ok) return allowed;
  if (editClearsApproval(fresh) && !editClearsApproval(seen)) {
    // Approved since the user read it: read again, an edit now needs a new approval.
    return refuse("minutes.problem.approvedSince");
  }
  const change = stateAfterMinutesEdit(fresh, ports.clock.now());
  const next: Meeting = { ...fresh, ...change };
  const version = await ports.repositories.meetings.update({ ...withoutMeta(next) });
  return ok({ ...next, version });
}

export interface PointMinutesInput {
  meeting: Meeting;
  item: AgendaItem;
  minutesText: string;
  /** For a Beslutning point: the decision (null or empty text = none). */
  decision: { text: string; carriedTo: Forum[] } | null;
  /** The point's decision as stored, if any. */
  existingDecision: Decision | null;
  /** Move the point's initiative to this phase with the decision (recorded as such). */
  phaseMove?: { to: Phase; reason: string } | null;
  /** On a financing proposal's point: the decision approves or rejects the proposal. */
  fundingOutcome?: "Godkendt" | "Afvist" | null;
}

export interface PointMinutesSaved {
  meeting: Meeting;
  item: AgendaItem;
  decision: Decision | null;
  /** The phase change asked for: done, or why not (the minutes are saved either way). */
  phase: { ok: true; initiative: Initiative } | { ok: false; refusal: TransitionRefusal } | null;
  /** The financing proposal's new state asked for: done, or why not. */
  funding?: Outcome<FundingProposal> | null;
}

/**
 * Saves one point's minutes: its text, and for a decision point the decision (meeting, point,
 * initiative, DecidedAt = the meeting's start), optionally moving the initiative's phase with
 * the decision through `changePhase`.
 */
export async function savePointMinutes(
  ports: EditPorts,
  input: PointMinutesInput,
): Promise<Outcome<PointMinutesSaved, MinutesEditProblem>> {
  const { repositories } = ports;
  if (input.phaseMove && (input.decision?.text.trim() ?? "") === "") {
    return refuse("minutes.problem.phaseNeedsDecision", undefined, "decision");
  }
  const begun = await beginEdit(ports, input.meeting);
  if (!begun.ok) return begun;
  const meeting = begun.value;
  let item = input.item;
  if (item.minutesText !== input.minutesText) {
    const version = await repositories.agendaItems.update({
      ...withoutMeta(item),
      minutesText: input.minutesText,
    });
    item = { ...item, minutesText: input.minutesText, version };
  }

  let decision: Decision | null = input.existingDecision;
  const text = input.decision?.text.trim() ?? "";
  if (text !== "" && input.decision) {
    const draft: DecisionDraft = {
      title: item.title,
      meeting: refOf(meeting),
      agendaItem: refOf(item),
      initiative: item.initiative,
      text,
      carriedTo: input.decision.carriedTo,
      decidedAt: meeting.start,
    };
    if (decision) {
      const version = await repositories.decisions.update({
        ...draft,
        id: decision.id,
        version: decision.version,
      });
      decision = { ...decision, ...draft, version };
    } else {
      decision = await repositories.decisions.add(draft);
    }
  } else if (decision) {
    // The decision was taken back: actions that referred to it stay as the meeting's own.
    const tied = await repositories.actions.list({ where: { decision: decision.id } });
    await Promise.all(
      tied.map((a) => repositories.actions.update({ ...withoutMeta(a), decision: null })),
    );
    await repositories.decisions.remove(decision.id, decision.version);
    decision = null;
  }

  let phase: PointMinutesSaved["phase"] = null;
  if (input.phaseMove && item.initiative) {
    if (!decision) return refuse("minutes.problem.phaseNeedsDecision", undefined, "decision");
    const initiative = await repositories.initiatives.get(item.initiative.id);
    const result = await changePhase(ports, {
      initiative,
      to: input.phaseMove.to,
      reason: input.phaseMove.reason,
      decision: { id: decision.id, title: decision.title } satisfies Ref<DecisionId>,
    });
    phase = result.ok
      ? { ok: true, initiative: result.value.initiative }
      : { ok: false, refusal: result.error };
  }
  let funding: PointMinutesSaved["funding"] = null;
  if (input.fundingOutcome && item.fundingProposal) {
    if (!decision) return refuse("minutes.problem.phaseNeedsDecision", undefined, "decision");
    funding = await decideProposal(
      ports,
      item.fundingProposal.id,
      input.fundingOutcome,
      decision.id,
    );
  }
  return ok({ meeting, item, decision, phase, funding });
}

export interface ActionInput {
  title: string;
  description: string;
  owner: Person | null;
  due: string | null;
  state: ActionState;
  decision: Decision | null;
}

/** Adds a follow-up action (or changes `existing`): meeting, decision and its initiative. */
export async function saveAction(
  ports: EditPorts,
  input: { meeting: Meeting; action: ActionInput; existing: FollowUpAction | null },
): Promise<Outcome<{ meeting: Meeting; action: FollowUpAction }, MinutesEditProblem>> {
  const begun = await beginEdit(ports, input.meeting);
  if (!begun.ok) return begun;
  const meeting = begun.value;
  const a = input.action;
  const draft: FollowUpActionDraft = {
    title: a.title.trim(),
    description: a.description,
    owner: a.owner,
    due: a.due,
    state: a.state,
    meeting: refOf(meeting),
    decision: a.decision ? refOf(a.decision) : null,
    initiative: a.decision?.initiative ?? null,
  };
  const { repositories } = ports;
  if (input.existing) {
    const version = await repositories.actions.update({
      ...draft,
      id: input.existing.id,
      version: input.existing.version,
    });
    return ok({ meeting, action: { ...input.existing, ...draft, version } });
  }
  return ok({ meeting, action: await repositories.actions.add(draft) });
}

/** Removes a follow-up action from the minutes. */
export async function removeAction(
  ports: EditPorts,
  input: { meeting: Meeting; action: FollowUpAction },
): Promise<Outcome<{ meeting: Meeting }, MinutesEditProblem>> {
  const begun = await beginEdit(ports, input.meeting);
  if (!begun.ok) return begun;
  await ports.repositories.actions.remove(input.action.id, input.action.version);
  return ok({ meeting: begun.value });
}

// ---------------------------------------------------------------- approval and posting

/** Refused by a minutes rule: `refusal` is the code (with params) the UI translates. */
export class MinutesRefused extends StoreError {
  constructor(
    kind: "Forbidden" | "Invalid",
    readonly refusal: MinutesRefusal,
  ) {
    super(kind, refusal.code, { code: refusal.code });
  }
}

export type PostOutcome =
  /** Every part is in the channel; the meeting is "Referat udsendt". */
  | { kind: "posted"; messageIds: string[]; corrected: boolean }
  /**
   * Nothing to do: the minutes were already posted, by an earlier attempt or by another poster
   * who started at the same moment (whose message ids these are).
   */
  | { kind: "alreadyPosted"; messageIds: string[] }
  /**
   * Another poster holds the claim and has not finished within the wait: nothing was posted
   * here. `by` is who wrote the claim (the meeting's last editor), `since` the claim's time.
   */
  | { kind: "inProgress"; by: Person | null; since: string }
  /** Chefforum's team or channel is not configured in Settings. */
  | { kind: "noChannel" }
  /**
   * Something failed (reading, posting or storing): `posted` of `total` parts are in the channel
   * (`total` null when the failure came before the minutes were split). Nothing is marked sent
   * that was not; `postApprovedMinutes` again finishes the rest.
   */
  | { kind: "failed"; error: unknown; posted: number; total: number | null };

export interface Approved {
  meeting: Meeting;
  approval: MinutesApproval;
  posting: PostOutcome;
}

/** What the chair read and approves: the meeting (with its version) and its minutes' parts. */
export interface ApprovalInput {
  meeting: Meeting;
  items: readonly AgendaItem[];
  decisions: readonly Decision[];
  actions: readonly FollowUpAction[];
  meetingLink: string;
}

/**
 * The chair approves the minutes as read: the approval is written to MinutesApprovals (a list
 * only Formand can write: SharePoint refuses anyone else with `Forbidden`) pinned to the
 * fingerprint of the minutes the chair read; then the meeting is marked "Referat godkendt" with
 * the version read (a newer edit is a `Conflict`, and the approval, pinned to the old text,
 * never counts); then the minutes are posted to Chefforum at once. A refused approval rejects
 * (`MinutesRefused`, or the store's error); a failed post does not (the approval stands; the
 * outcome says what is missing).
 */
export async function approveMinutes(
  ports: MinutesPostPorts,
  input: ApprovalInput,
): Promise<Approved> {
  const { repositories } = ports;
  const me = await ports.currentUser.me();
  if (!mayApproveMinutes(me)) {
    throw new MinutesRefused("Forbidden", { code: "minutes.refusal.notChair" });
  }
  const [fresh, approvals, roster] = await Promise.all([
    repositories.meetings.get(input.meeting.id),
    repositories.minutesApprovals.list({ where: { meeting: input.meeting.id } }),
    readRoster(ports.people),
  ]);
  if (fresh.version !== input.meeting.version) {
    // Every edit of the minutes writes the meeting first: what the chair read is out of date.
    throw new StoreError("Conflict", "The minutes changed since they were read", { status: 412 });
  }
  const standing = minutesStanding({
    meeting: input.meeting,
    approvals,
    content: input,
    roster,
  });
  const allowed = checkApproval(meetingAsOf(input.meeting, ports.clock.now()), standing.status, me);
  if (!allowed.ok) {
    throw new MinutesRefused("Invalid", allowed.error);
  }
  const now = ports.clock.now();
  const approval = await repositories.minutesApprovals.add(
    approvalDraft(input.meeting, standing.contentHash, now),
  );
  const approved: Meeting = { ...input.meeting, ...approvalChanges(input.meeting, me, now) };
  const version = await repositories.meetings.update({ ...withoutMeta(approved) });
  const meeting = { ...approved, version };
  const posting = await postApprovedMinutes(ports, {
    meetingId: meeting.id,
    meetingLink: input.meetingLink,
  });
  return { meeting, approval, posting };
}

/** How long a poster that lost the claim waits for the holder to finish, and how often it looks. */
export const CLAIM_WAIT_MS = 30_000;
export const CLAIM_POLL_MS = 1_000;
/** A meeting changed under the poster this often while it tries to claim it: give up (failed). */
const MAX_CLAIM_CONFLICTS = 5;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function newToken(): string {
  return globalThis.crypto.randomUUID();
}

/**
 * Posts the approved minutes to Chefforum exactly once, finishing what an earlier attempt
 * started.
 *
 * 1. Posting needs the meeting in "Referat godkendt" and a valid approval by the chair of the
 *    minutes as they are now (`minutesStanding`); otherwise `MinutesRefused` (`Invalid`).
 * 2. The poster takes the meeting's claim: `PostingClaim` written with the version it read
 *    (If-Match). Of two posters starting at the same moment only one succeeds; the other gets a
 *    Conflict, reads again, and waits for the holder instead of posting: when the meeting is
 *    "Referat udsendt" it answers `alreadyPosted` with the holder's message ids; if the holder
 *    does not finish within CLAIM_WAIT_MS, `inProgress`. A claim untouched for
 *    POSTING_CLAIM_TTL_MS (a poster that crashed) is taken over.
 * 3. The holder posts part by part, storing each part's id with the claim refreshed; before
 *    posting a part, the channel's recent messages are searched for its unique subject, so a
 *    crash between posting and storing posts nothing twice. After the last part the meeting is
 *    "Referat udsendt" and the claim is cleared; after a failure the claim is released.
 *
 * Never throws for a failed post: the outcome says so.
 */
export async function postApprovedMinutes(
  ports: MinutesPostPorts,
  input: { meetingId: MeetingId; meetingLink: string },
): Promise<PostOutcome> {
  const { repositories } = ports;
  const sleep = ports.sleep ?? realSleep;
  const token = (ports.newToken ?? newToken)();
  let meeting = await repositories.meetings.get(input.meetingId);
  if (meeting.state === "Referat udsendt") {
    return { kind: "alreadyPosted", messageIds: parsePosting(meeting.channelMessageId).ids };
  }

  let facts: {
    me: Me;
    teamId: string | null;
    channelId: string | null;
    items: AgendaItem[];
    decisions: Decision[];
    actions: FollowUpAction[];
    standing: ReturnType<typeof minutesStanding>;
  };
  try {
    const [me, teamId, channelId, items, decisions, actions, approvals, roster] = await Promise.all(
      [
        ports.currentUser.me(),
        settingValue(repositories, SETTING_KEYS.chefforumTeamId),
        settingValue(repositories, SETTING_KEYS.chefforumChannelId),
        repositories.agendaItems.list({ where: { meeting: meeting.id } }),
        repositories.decisions.list({ where: { meeting: meeting.id } }),
        repositories.actions.list({ where: { meeting: meeting.id } }),
        repositories.minutesApprovals.list({ where: { meeting: meeting.id } }),
        readRoster(ports.people),
      ],
    );
    const content = { items, decisions, actions };
    const standing = minutesStanding({ meeting, approvals, content, roster });
    facts = { me, teamId, channelId, items, decisions, actions, standing };
  } catch (error) {
    return {
      kind: "failed",
      error,
      posted: parsePosting(meeting.channelMessageId).ids.length,
      total: null,
    };
  }
  const allowed = checkPosting(meeting, facts.standing.status);
  if (!allowed.ok) throw new MinutesRefused("Invalid", allowed.error);
  if (!facts.teamId || !facts.channelId) return { kind: "noChannel" };
  const address = { teamId: facts.teamId, channelId: facts.channelId };
  const claimOf = () =>
    formatClaim({
      token,
      person: facts.me.person.id,
      at: ports.clock.now().toISOString(),
    });

  // Take the claim, or wait for the poster who holds it.
  let waited = 0;
  let conflicts = 0;
  for (;;) {
    const claim = claimState(meeting.postingClaim, token, ports.clock.now());
    if (claim === "held") {
      if (waited >= CLAIM_WAIT_MS) {
        return {
          kind: "inProgress",
          by: meeting.modifiedBy,
          since: parseClaim(meeting.postingClaim)?.at ?? meeting.modified,
        };
      }
      await sleep(CLAIM_POLL_MS);
      waited += CLAIM_POLL_MS;
    } else {
      try {
        const postingClaim = claimOf();
        const version = await repositories.meetings.update({
          ...withoutMeta(meeting),
          postingClaim,
        });
        meeting = { ...meeting, postingClaim, version };
        break;
      } catch (error) {
        conflicts += 1;
        if (!isStoreError(error, "Conflict") || conflicts > MAX_CLAIM_CONFLICTS) {
          return {
            kind: "failed",
            error,
            posted: parsePosting(meeting.channelMessageId).ids.length,
            total: null,
          };
        }
        // Someone else wrote the meeting first: read it again.
      }
    }
    try {
      meeting = await repositories.meetings.get(input.meetingId);
    } catch (error) {
      return { kind: "failed", error, posted: 0, total: null };
    }
    if (meeting.state === "Referat udsendt") {
      return { kind: "alreadyPosted", messageIds: parsePosting(meeting.channelMessageId).ids };
    }
    if (meeting.state !== "Referat godkendt") {
      throw new MinutesRefused("Invalid", {
        code: "minutes.refusal.notApprovedState",
        params: { state: meeting.state },
      });
    }
  }

  const record = parsePosting(meeting.channelMessageId);
  const ids = [...record.ids];
  let total: number | null = null;
  try {
    const { items, decisions, actions, standing } = facts;
    const approval = standing.status.kind === "approved" ? standing.status : null;
    const parts = splitMinutes(minutesDocument(meeting, items, decisions, actions, approval), {
      revision: record.revision,
      meetingLink: input.meetingLink,
    });
    total = parts.length;
    if (total > MAX_MINUTES_PARTS) {
      throw new MinutesRefused("Invalid", {
        code: "minutes.refusal.tooLong",
        params: { total, max: MAX_MINUTES_PARTS },
      });
    }
    ids.splice(total);
    let recent: Awaited<ReturnType<ChannelPoster["list"]>> | null = null;
    for (let i = ids.length; i < total; i += 1) {
      const part = parts[i]!;
      recent ??= await ports.channel.list(address, RECENT_MESSAGES);
      const already = recent.find((m) => m.subject === part.subject);
      const id = already ? already.id : (await ports.channel.post(address, part)).id;
      ids.push(id);
      const last = ids.length === total;
      const next: MeetingDraft & Pick<Meeting, "id" | "version"> = {
        ...withoutMeta(meeting),
        channelMessageId: formatPosting({ revision: record.revision, ids }),
        postingClaim: last ? "" : claimOf(),
        ...(last ? { state: "Referat udsendt" as const } : {}),
      };
      const version = await repositories.meetings.update(next);
      meeting = { ...meeting, ...next, version };
    }
    if (ids.length === total && meeting.state !== "Referat udsendt") {
      // Every part was recorded by an earlier attempt that stopped before the state.
      const version = await repositories.meetings.update({
        ...withoutMeta(meeting),
        state: "Referat udsendt",
        postingClaim: "",
      });
      meeting = { ...meeting, state: "Referat udsendt", postingClaim: "", version };
    }
  } catch (error) {
    await releaseClaim(ports, meeting);
    return { kind: "failed", error, posted: ids.length, total };
  }
  return { kind: "posted", messageIds: ids, corrected: record.revision > 1 };
}

/** Gives the claim back after a failure, so a retry need not wait; best effort. */
async function releaseClaim(ports: MinutesPostPorts, meeting: Meeting): Promise<void> {
  try {
    await ports.repositories.meetings.update({ ...withoutMeta(meeting), postingClaim: "" });
  } catch {
    // The claim then runs out by itself (POSTING_CLAIM_TTL_MS).
  }
}

// ---------------------------------------------------------------- irregularities

/**
 * Every irregularity of minutes on the site: approvals not written (or last changed) by
 * someone in Formand, and meetings whose state says their minutes are approved or posted
 * without a valid approval by the chair of the minutes as they are (forged, or changed after
 * approval). For the "Uregelmæssigheder" page and `npm run audit`; `onRead` is handed the
 * approvals and meetings read (the audit dates and places its findings).
 */
export async function minutesIrregularities(
  ports: Pick<MinutesPorts, "repositories" | "people">,
  onRead?: OnItemsRead,
): Promise<Irregularity[]> {
  const { repositories } = ports;
  const [approvals, claimed, roster] = await Promise.all([
    repositories.minutesApprovals.list(),
    repositories.meetings.list({ where: { state: ["Referat godkendt", "Referat udsendt"] } }),
    readRoster(ports.people),
  ]);
  onRead?.("MinutesApprovals", approvals);
  onRead?.("Meetings", claimed);
  const found: Irregularity[] = [...checkApprovals(approvals, roster).irregular];
  const standings = await Promise.all(
    claimed.map(async (meeting) => {
      const [items, decisions, actions] = await Promise.all([
        repositories.agendaItems.list({ where: { meeting: meeting.id } }),
        repositories.decisions.list({ where: { meeting: meeting.id } }),
        repositories.actions.list({ where: { meeting: meeting.id } }),
      ]);
      return minutesStanding({
        meeting,
        approvals,
        content: { items, decisions, actions },
        roster,
      });
    }),
  );
  for (const s of standings) found.push(...s.irregular.filter((i) => i.list === "Meetings"));
  return sortIrregularities(found);
}
