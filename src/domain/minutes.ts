/**
 * Minutes of a meeting: who writes and who approves them, what an edit does to the meeting's
 * state (the first save after the start makes it Afholdt; any edit after approval clears the
 * approval), and the approved minutes as posts for Chefforum's channel: HTML built only through
 * safe-html, split into messages Teams accepts (on point boundaries; a point longer than a
 * message is split on its own), each part with a unique subject ("del 1 af 3"; corrected
 * minutes are marked "Rettet referat"), and the stored record of which parts went out.
 *
 * Four eyes: the chair's approval is an item in MinutesApprovals, a list only Formand can
 * write, pinned to a fingerprint of the minutes the chair read. Whether minutes are approved is
 * decided when read (`minutesStanding`): only an approval written by someone in Formand that
 * matches the minutes as they are counts. The meeting's State and MinutesApprovedAt/By are
 * claims (the secretary can write them); a state saying approved without such an approval is
 * irregular and allows no posting.
 *
 * One post: the poster first takes a claim on the meeting, written with the meeting's version
 * (`PostingClaim`), so two posters starting at once cannot both post.
 *
 * Pure: no IO, times come in as arguments.
 */
import type { IsoDateTime, Person } from "./common.js";
import { err, ok, type Result } from "./common.js";
import type { PersonId } from "./ids.js";
import {
  type Checked,
  type Irregularity,
  type IrregularityParams,
  sortIrregularities,
} from "./irregularities.js";
import {
  type AgendaItem,
  type Decision,
  type FollowUpAction,
  type Meeting,
  type MinutesApproval,
  type MinutesApprovalDraft,
  validateMinutesApproval,
} from "./meetings.js";
import { type Problem, refuse } from "./problems.js";
import { hasRole, type Me, type Roster } from "./roles.js";
import {
  byteLength,
  escapeText,
  joinHtml,
  link,
  markup,
  type SafeHtml,
  toHtmlString,
} from "./safe-html.js";
import { sha256Hex } from "./sha256.js";
import type { AgendaKind, Forum, MeetingState } from "./vocabulary.js";

/** The committee's time zone: dates in posts are its wall-clock dates. */
export const MINUTES_TIME_ZONE = "Europe/Copenhagen";

/**
 * The most HTML one channel post of the minutes may hold. Teams refuses messages over about
 * 28 KiB (the local server's MAX_MESSAGE_BYTES, PLATFORM.md); 1 KiB is kept for the subject and
 * the message's envelope, which real Teams counts too.
 */
export const MINUTES_PART_MAX_BYTES = 27 * 1024;

// ---------------------------------------------------------------- who may

/** The secretary writes the minutes (site owners may do all). */
export function mayWriteMinutes(me: Me): boolean {
  return hasRole(me, "secretary") || hasRole(me, "owner");
}

/**
 * The chair approves the minutes. Only Formand: an approval counts only when its author is in
 * Formand (`checkApprovals`), so a site owner outside Formand is not offered the button.
 */
export function mayApproveMinutes(me: Me): boolean {
  return hasRole(me, "chair");
}

// ---------------------------------------------------------------- codes

/** Why the minutes may not be approved or posted now: a code the UI translates, with params. */
export type MinutesRefusalCode =
  | "minutes.refusal.notChair"
  | "minutes.refusal.cancelled"
  | "minutes.refusal.notHeld"
  | "minutes.refusal.alreadyApproved"
  /** Posting: the meeting is not "Referat godkendt". */
  | "minutes.refusal.notApprovedState"
  /** Posting: no approval by the chair of the minutes as they are now. */
  | "minutes.refusal.noValidApproval"
  /** Posting: the minutes need more channel messages than are allowed (`total`, `max`). */
  | "minutes.refusal.tooLong";

export interface MinutesRefusal {
  code: MinutesRefusalCode;
  params?: IrregularityParams;
}

/** What is irregular about minutes and their approvals (`Irregularity.rule`). */
export type MinutesIrregularityCode =
  /** An approval whose author is not in Formand: not counted. */
  | "minutes.irregular.approvalByNonChair"
  /** An approval last changed by someone not in Formand: not counted. */
  | "minutes.irregular.approvalEditedByNonChair"
  /** An approval that fails the list's rules (e.g. no fingerprint): not counted. */
  | "minutes.irregular.approvalInvalid"
  /** A meeting marked approved or posted with no approval by the chair at all. */
  | "minutes.irregular.approvedWithoutApproval"
  /** A meeting marked approved or posted whose minutes changed after the chair's approval. */
  | "minutes.irregular.approvedButChanged";

export type MinutesIrregularity = Irregularity<MinutesIrregularityCode>;

// ---------------------------------------------------------------- states

/** States in which the meeting says its minutes are approved. */
const APPROVED_STATES: readonly MeetingState[] = ["Referat godkendt", "Referat udsendt"];

/** The meeting's state says "approved" (a claim: `minutesStanding` checks it). */
export function stateSaysApproved(meeting: Pick<Meeting, "state">): boolean {
  return APPROVED_STATES.includes(meeting.state);
}

/**
 * True when saving an edit now would clear the chair's approval (the UI says so first): the
 * meeting says approved, or the chair's approval matches the minutes as they are.
 */
export function editClearsApproval(
  meeting: Pick<Meeting, "state">,
  status?: MinutesApprovalStatus,
): boolean {
  return stateSaysApproved(meeting) || status?.kind === "approved";
}

/** Whether minutes may be written for the meeting at all (not for a cancelled one). */
export function checkMinutesEdit(
  meeting: Pick<Meeting, "state">,
  me: Me,
): Result<void, Problem<MinutesEditProblem>> {
  if (!mayWriteMinutes(me)) return refuse("minutes.problem.notWriter");
  if (meeting.state === "Aflyst") return refuse("minutes.problem.cancelled");
  return ok(undefined);
}

/** Why an edit of the minutes is refused (the code is the i18n key of its words). */
export type MinutesEditProblem =
  | "minutes.problem.notWriter"
  | "minutes.problem.cancelled"
  | "minutes.problem.approvedSince"
  | "minutes.problem.phaseNeedsDecision";

/** The meeting's state fields after an edit of its minutes (text, decisions or actions). */
export interface MinutesStateChange {
  state: MeetingState;
  minutesApprovedAt: IsoDateTime | null;
  minutesApprovedBy: Meeting["minutesApprovedBy"];
}

/**
 * What an edit of the minutes does to the meeting: saved after the meeting's start, a planned
 * meeting (or one whose agenda was sent) is Afholdt; an approved meeting goes back to Afholdt
 * and loses its approval. Otherwise nothing changes.
 */
export function stateAfterMinutesEdit(
  meeting: Pick<Meeting, "state" | "start" | "minutesApprovedAt" | "minutesApprovedBy">,
  now: Date,
): MinutesStateChange {
  const same: MinutesStateChange = {
    state: meeting.state,
    minutesApprovedAt: meeting.minutesApprovedAt,
    minutesApprovedBy: meeting.minutesApprovedBy,
  };
  if (stateSaysApproved(meeting)) {
    return { state: "Afholdt", minutesApprovedAt: null, minutesApprovedBy: null };
  }
  if (
    (meeting.state === "Planlagt" || meeting.state === "Dagsorden udsendt") &&
    now.getTime() >= Date.parse(meeting.start)
  ) {
    return { ...same, state: "Afholdt" };
  }
  return same;
}

/**
 * Whether the chair may approve the minutes now, or why not. Held minutes may be approved
 * (again, when an earlier approval's write of the meeting's state did not go through); so may
 * a meeting that says approved without a valid approval of its minutes as they are (a forged or
 * stale state: the chair's approval settles it). Not twice.
 */
export function checkApproval(
  meeting: Pick<Meeting, "state">,
  status: MinutesApprovalStatus,
  me: Me,
): Result<void, MinutesRefusal> {
  if (!mayApproveMinutes(me)) return err({ code: "minutes.refusal.notChair" });
  switch (meeting.state) {
    case "Aflyst":
      return err({ code: "minutes.refusal.cancelled" });
    case "Planlagt":
    case "Dagsorden udsendt":
      return err({ code: "minutes.refusal.notHeld" });
    default:
      return status.kind === "approved" && stateSaysApproved(meeting)
        ? err({
            code: "minutes.refusal.alreadyApproved",
            params: { by: status.by.name, at: status.at },
          })
        : ok(undefined);
  }
}

/** Whether the approved minutes may be posted now, or why not. */
export function checkPosting(
  meeting: Pick<Meeting, "state">,
  status: MinutesApprovalStatus,
): Result<void, MinutesRefusal> {
  if (meeting.state !== "Referat godkendt") {
    return err({ code: "minutes.refusal.notApprovedState", params: { state: meeting.state } });
  }
  if (status.kind !== "approved") return err({ code: "minutes.refusal.noValidApproval" });
  return ok(undefined);
}

/**
 * The meeting's fields once the chair has approved: a new posting is prepared. The approval
 * itself is the MinutesApprovals item; these fields only mirror it for SharePoint's list view.
 */
export function approvalChanges(
  meeting: Pick<Meeting, "channelMessageId">,
  me: Me,
  now: Date,
): Pick<Meeting, "state" | "minutesApprovedAt" | "minutesApprovedBy" | "channelMessageId"> {
  return {
    state: "Referat godkendt",
    minutesApprovedAt: now.toISOString(),
    minutesApprovedBy: me.person,
    channelMessageId: formatPosting(nextPosting(parsePosting(meeting.channelMessageId))),
  };
}

/** Approved (by a valid approval), but not (completely) posted to Chefforum yet: a retry is due. */
export function postingPending(
  meeting: Pick<Meeting, "state">,
  status: MinutesApprovalStatus,
): boolean {
  return checkPosting(meeting, status).ok;
}

// ---------------------------------------------------------------- the chair's approval

/** The approval as a draft: the minutes as the chair read them, fingerprinted. */
export function approvalDraft(
  meeting: Pick<Meeting, "id" | "title">,
  contentHash: string,
  now: Date,
): MinutesApprovalDraft {
  return {
    title: `Referat godkendt: ${meeting.title}`.slice(0, 255),
    meeting: { id: meeting.id, title: meeting.title },
    contentHash,
    approvedAt: now.toISOString(),
  };
}

/** The parts of the minutes that make up what the chair approves. */
export interface MinutesContent {
  meeting: Pick<Meeting, "title" | "start" | "end" | "location">;
  items: readonly Pick<AgendaItem, "id" | "title" | "kind" | "sortOrder" | "minutesText">[];
  decisions: readonly Pick<
    Decision,
    "id" | "title" | "agendaItem" | "initiative" | "text" | "carriedTo"
  >[];
  actions: readonly Pick<FollowUpAction, "id" | "title" | "owner" | "due" | "decision">[];
}

const instant = (iso: string | null): string | null => {
  if (iso === null || iso === "") return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(t).toISOString();
};

const newlines = (text: string): string => text.replace(/\r\n?/g, "\n");

/**
 * The fingerprint of the minutes (`sha256:<hex>`): what a post to Chefforum shows (the meeting's
 * title, time and place; each point's title, kind and text in the agenda's order; each decision
 * with its point, initiative and forums; each action's task, owner, due date and decision).
 * Other people and things are referred to by id, so renaming an initiative or a person does not
 * change it; an action's progress (its state) is not part of the minutes either. Any edit of
 * the minutes changes it, so an approval pinned to it is stale after the edit.
 */
export function minutesContentHash(content: MinutesContent): string {
  const items = [...content.items].sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
  const canonical = {
    v: 1,
    meeting: {
      title: content.meeting.title,
      start: instant(content.meeting.start),
      end: instant(content.meeting.end),
      location: content.meeting.location,
    },
    points: items.map((i) => [i.id, i.title, i.kind, newlines(i.minutesText)]),
    decisions: [...content.decisions]
      .sort((a, b) => a.id - b.id)
      .map((d) => [
        d.id,
        d.title,
        d.agendaItem?.id ?? null,
        d.initiative?.id ?? null,
        newlines(d.text),
        [...d.carriedTo].sort(),
      ]),
    actions: [...content.actions]
      .sort((a, b) => a.id - b.id)
      .map((a) => [a.id, a.title, a.owner?.id ?? null, instant(a.due), a.decision?.id ?? null]),
  };
  return `sha256:${sha256Hex(JSON.stringify(canonical))}`;
}

/** Where the chair's approval of a meeting's minutes stands, decided from the approvals list. */
export type MinutesApprovalStatus =
  /** The chair's newest approval matches the minutes as they are. */
  | { kind: "approved"; approval: MinutesApproval; by: Person; at: IsoDateTime }
  /** The chair approved, but the minutes have changed since (a new approval is due). */
  | { kind: "stale"; approval: MinutesApproval; by: Person; at: IsoDateTime }
  /** No approval by the chair. */
  | { kind: "none" };

/**
 * The approvals that count: written (Author) and last changed (Editor) by someone in Formand,
 * and valid by the list's rules. Anything else is irregular, naming who wrote it.
 */
export function checkApprovals(
  approvals: readonly MinutesApproval[],
  roster: Roster,
): Checked<MinutesApproval, MinutesIrregularityCode> {
  const valid: MinutesApproval[] = [];
  const irregular: MinutesIrregularity[] = [];
  const isChair = (p: Person | null) => p !== null && roster.rolesOf(p.id).includes("chair");
  for (const a of approvals) {
    const base = { list: "MinutesApprovals" as const, item: a.id as number };
    const params = { meeting: a.meeting?.title ?? "", meetingId: a.meeting?.id ?? null };
    if (!isChair(a.createdBy)) {
      irregular.push({
        ...base,
        rule: "minutes.irregular.approvalByNonChair",
        params,
        by: a.createdBy,
      });
    } else if (a.modifiedBy !== null && !isChair(a.modifiedBy)) {
      irregular.push({
        ...base,
        rule: "minutes.irregular.approvalEditedByNonChair",
        params,
        by: a.modifiedBy,
      });
    } else if (!validateMinutesApproval(a).ok) {
      irregular.push({
        ...base,
        rule: "minutes.irregular.approvalInvalid",
        params,
        by: a.createdBy,
      });
    } else {
      valid.push(a);
    }
  }
  return { valid, irregular };
}

/**
 * The status of one meeting's minutes from its valid approvals (`checkApprovals`) and the
 * fingerprint of its minutes as they are now: the chair's newest approval (by the time
 * SharePoint recorded it, then id) decides; it counts only if it matches.
 */
export function approvalStatus(
  validApprovals: readonly MinutesApproval[],
  contentHash: string,
): MinutesApprovalStatus {
  const newest = [...validApprovals].sort(
    (a, b) => Date.parse(b.created) - Date.parse(a.created) || b.id - a.id,
  )[0];
  if (!newest || !newest.createdBy) return { kind: "none" };
  const facts = { approval: newest, by: newest.createdBy, at: newest.approvedAt };
  return newest.contentHash === contentHash
    ? { kind: "approved", ...facts }
    : { kind: "stale", ...facts };
}

/** What is known about one meeting's minutes to judge them. */
export interface MinutesFacts {
  meeting: Meeting;
  /** The meeting's approvals (all of them, as read). */
  approvals: readonly MinutesApproval[];
  /** The minutes' stored parts (for the fingerprint and who changed them last). */
  content: Omit<MinutesContent, "meeting"> & {
    items: readonly (MinutesContent["items"][number] & {
      modified: IsoDateTime;
      modifiedBy: Person | null;
    })[];
    decisions: readonly (MinutesContent["decisions"][number] & {
      modified: IsoDateTime;
      modifiedBy: Person | null;
    })[];
    actions: readonly (MinutesContent["actions"][number] & {
      modified: IsoDateTime;
      modifiedBy: Person | null;
    })[];
  };
  roster: Roster;
}

export interface MinutesStanding {
  status: MinutesApprovalStatus;
  contentHash: string;
  /** Irregular approvals of this meeting, and the meeting's state if it claims too much. */
  irregular: MinutesIrregularity[];
}

/** Who last changed the minutes' parts (by the server's Modified), or null. */
function lastContentEditor(content: MinutesFacts["content"]): Person | null {
  const parts = [...content.items, ...content.decisions, ...content.actions];
  const last = parts.sort((a, b) => Date.parse(b.modified) - Date.parse(a.modified))[0];
  return last?.modifiedBy ?? null;
}

/**
 * Whether a meeting's minutes are approved, decided at read time from the approvals list: the
 * newest approval written by the chair that matches the minutes as they are. A meeting whose
 * state says approved or posted without that is irregular (the state is not counted), naming
 * who wrote the meeting last, or, when the minutes changed after the chair's approval, who
 * changed them last.
 */
export function minutesStanding(facts: MinutesFacts): MinutesStanding {
  const { meeting } = facts;
  const checked = checkApprovals(
    facts.approvals.filter((a) => a.meeting?.id === meeting.id),
    facts.roster,
  );
  const contentHash = minutesContentHash({ meeting, ...facts.content });
  const status = approvalStatus(checked.valid, contentHash);
  const irregular: MinutesIrregularity[] = [...checked.irregular];
  if (stateSaysApproved(meeting) && status.kind !== "approved") {
    const base = { list: "Meetings" as const, item: meeting.id as number };
    irregular.push(
      status.kind === "none"
        ? {
            ...base,
            rule: "minutes.irregular.approvedWithoutApproval",
            params: { meeting: meeting.title, state: meeting.state },
            by: meeting.modifiedBy,
          }
        : {
            ...base,
            rule: "minutes.irregular.approvedButChanged",
            params: {
              meeting: meeting.title,
              state: meeting.state,
              approvedBy: status.by.name,
              approvedAt: status.at,
            },
            by: lastContentEditor(facts.content) ?? meeting.modifiedBy,
          },
    );
  }
  return { status, contentHash, irregular: sortIrregularities(irregular) };
}

// ---------------------------------------------------------------- one poster at a time

/**
 * Who is posting the minutes right now, stored in Meetings.PostingClaim as
 * `<token>|<person id>|<ISO time>`. The claim is written with the meeting's version (If-Match),
 * so of two posters that read the same version only one gets it; the other gets a Conflict,
 * reads again and waits for the holder's message ids instead of posting.
 */
export interface PostingClaim {
  /** Unique per posting attempt (one tab's one call). */
  token: string;
  person: PersonId | null;
  /** When the holder last showed progress (it writes the claim again with each part). */
  at: IsoDateTime;
}

/**
 * A claim untouched for this long was left by a poster that stopped (a closed tab, a crash)
 * and may be taken over: posting one part and storing its id takes seconds, even with Teams
 * asking to wait (Retry-After) a few times.
 */
export const POSTING_CLAIM_TTL_MS = 3 * 60 * 1000;

export function parseClaim(value: string | undefined): PostingClaim | null {
  const parts = (value ?? "").trim().split("|");
  if (parts.length !== 3 || parts[0] === "") return null;
  const at = Date.parse(parts[2]!);
  if (Number.isNaN(at)) return null;
  const person = Number(parts[1]);
  return {
    token: parts[0]!,
    person: parts[1] !== "" && Number.isInteger(person) ? (person as PersonId) : null,
    at: new Date(at).toISOString(),
  };
}

export function formatClaim(claim: PostingClaim): string {
  return `${claim.token}|${claim.person ?? ""}|${claim.at}`;
}

/**
 * The stored claim as seen by the poster holding `token`: none (or left over: older than the
 * TTL, or dated impossibly far ahead), its own, or another poster's that is still alive.
 */
export function claimState(
  value: string | undefined,
  token: string,
  now: Date,
): "free" | "mine" | "held" {
  const claim = parseClaim(value);
  if (!claim) return "free";
  if (claim.token === token) return "mine";
  const age = now.getTime() - Date.parse(claim.at);
  return Math.abs(age) > POSTING_CLAIM_TTL_MS ? "free" : "held";
}

// ---------------------------------------------------------------- the stored posting record

/**
 * Which posting of the minutes this is and the message ids of its parts that went out, in
 * order. Revision 1 is the first posting; each posting after an earlier one went (partly) out is
 * a correction ("Rettet referat").
 *
 * Stored in Meetings.ChannelMessageId: `"id1,id2"` for revision 1, `"2:id1,id2"` after.
 */
export interface PostingRecord {
  revision: number;
  ids: string[];
}

export function parsePosting(value: string): PostingRecord {
  const text = value.trim();
  const m = /^(\d+):(.*)$/.exec(text);
  const revision = m ? Math.max(1, Number(m[1])) : 1;
  const rest = m ? (m[2] ?? "") : text;
  const ids = rest
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  return { revision, ids };
}

export function formatPosting(record: PostingRecord): string {
  const ids = record.ids.join(",");
  return record.revision <= 1 ? ids : `${record.revision}:${ids}`;
}

/** The posting an approval starts: a correction when any part of the last one went out. */
export function nextPosting(previous: PostingRecord): PostingRecord {
  return previous.ids.length > 0
    ? { revision: previous.revision + 1, ids: [] }
    : { revision: previous.revision, ids: [] };
}

// ---------------------------------------------------------------- the minutes as a document

export interface MinutesDecision {
  text: string;
  carriedTo: readonly Forum[];
  initiativeTitle: string | null;
  actions: MinutesAction[];
}

export interface MinutesAction {
  title: string;
  ownerName: string;
  due: IsoDateTime | null;
}

export interface MinutesPoint {
  /** 1-based, in the agenda's order. */
  number: number;
  title: string;
  kind: AgendaKind;
  minutesText: string;
  decisions: MinutesDecision[];
}

export interface MinutesDocument {
  meetingTitle: string;
  start: IsoDateTime;
  end: IsoDateTime;
  location: string;
  approvedAt: IsoDateTime | null;
  approvedByName: string | null;
  points: MinutesPoint[];
  /** Decisions of the meeting not made under an agenda point (e.g. a committed scenario). */
  otherDecisions: MinutesDecision[];
  /** Follow-up actions not tied to a decision. */
  otherActions: MinutesAction[];
}

const actionOf = (a: FollowUpAction): MinutesAction => ({
  title: a.title,
  ownerName: a.owner?.name ?? "",
  due: a.due,
});

/**
 * The minutes of a meeting from its list items, points in the agenda's order. `approval` is the
 * chair's valid approval (`approvalStatus`), never the meeting's own approval fields.
 */
export function minutesDocument(
  meeting: Meeting,
  items: readonly AgendaItem[],
  decisions: readonly Decision[],
  actions: readonly FollowUpAction[],
  approval: { by: Person | null; at: IsoDateTime } | null = null,
): MinutesDocument {
  const sorted = [...items].sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
  const used = new Set<number>();
  const decisionOf = (d: Decision): MinutesDecision => {
    const mine = actions.filter((a) => a.decision?.id === d.id);
    mine.forEach((a) => used.add(a.id));
    return {
      text: d.text,
      carriedTo: d.carriedTo,
      initiativeTitle: d.initiative?.title ?? null,
      actions: mine.map(actionOf),
    };
  };
  const pointIds = new Set(sorted.map((i) => i.id as number));
  const points = sorted.map((item, i): MinutesPoint => ({
    number: i + 1,
    title: item.title,
    kind: item.kind,
    minutesText: item.minutesText,
    decisions: decisions.filter((d) => d.agendaItem?.id === item.id).map(decisionOf),
  }));
  const otherDecisions = decisions
    .filter((d) => !d.agendaItem || !pointIds.has(d.agendaItem.id))
    .map(decisionOf);
  return {
    meetingTitle: meeting.title,
    start: meeting.start,
    end: meeting.end,
    location: meeting.location,
    approvedAt: approval?.at ?? null,
    approvedByName: approval?.by?.name ?? null,
    points,
    otherDecisions,
    otherActions: actions.filter((a) => !used.has(a.id)).map(actionOf),
  };
}

// ---------------------------------------------------------------- dates in Danish

let dateFormat: Intl.DateTimeFormat | undefined;
let timeFormat: Intl.DateTimeFormat | undefined;

function dateDa(iso: IsoDateTime): string {
  dateFormat ??= new Intl.DateTimeFormat("da-DK", {
    dateStyle: "long",
    timeZone: MINUTES_TIME_ZONE,
  });
  return dateFormat.format(new Date(iso));
}

function timeDa(iso: IsoDateTime): string {
  timeFormat ??= new Intl.DateTimeFormat("da-DK", {
    hour: "2-digit",
    minute: "2-digit",
    timeZone: MINUTES_TIME_ZONE,
  });
  return timeFormat.format(new Date(iso));
}

// ---------------------------------------------------------------- subjects

/**
 * The subject of one part of a posting; unique per meeting, posting and part, so a retry can
 * find a part that went out before its id was stored. "Referat: <møde>, <dato> (del 1 af 3)";
 * a correction "Rettet referat (1. rettelse): ...".
 */
export function minutesSubject(
  doc: Pick<MinutesDocument, "meetingTitle" | "start">,
  revision: number,
  part: number,
  total: number,
): string {
  const lead = revision > 1 ? `Rettet referat (${revision - 1}. rettelse)` : "Referat";
  const tail = total > 1 ? ` (del ${part} af ${total})` : "";
  return `${lead}: ${doc.meetingTitle}, ${dateDa(doc.start)}${tail}`;
}

// ---------------------------------------------------------------- HTML blocks

/** One point's HTML as blocks that may go to different messages (never split inside one). */
interface Section {
  heading: (continued: boolean) => SafeHtml;
  blocks: SafeHtml[];
}

const FORUM_NAMES: Readonly<Record<Forum, string>> = {
  ØU: "Økonomiudvalget (ØU)",
  DF: "Direktørforum (DF)",
  CF: "Chefforum (CF)",
};

function actionHtml(a: MinutesAction): SafeHtml {
  const owner = a.ownerName ? `Ansvarlig: ${a.ownerName}` : "Ingen ansvarlig";
  const due = a.due ? `, frist ${dateDa(a.due)}` : "";
  return markup`<li>${a.title} (${owner}${due})</li>`;
}

function actionsHtml(actions: readonly MinutesAction[]): SafeHtml[] {
  if (actions.length === 0) return [];
  return [markup`<p><strong>Opfølgning:</strong></p><ul>${actions.map(actionHtml)}</ul>`];
}

/** Paragraph text cut into `<p>` blocks of at most `max` bytes each (at spaces if possible). */
function paragraphBlocks(text: string, max: number): SafeHtml[] {
  const blocks = text
    .replace(/\r\n?/g, "\n")
    .split(/\n{2,}/)
    .map((b) => b.trim())
    .filter((b) => b !== "");
  return blocks.flatMap((b) => cutParagraph(b, max));
}

const P_OVERHEAD = "<p></p>".length;

/** The bytes a character takes once escaped (a line break becomes `<br>`). */
function escapedBytes(ch: string): number {
  if (ch === "\n") return 4;
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x80) return escapeText(ch).length;
  return code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
}

function paragraphOf(text: string): SafeHtml {
  return joinHtml([markup`<p>`, joinHtml(text.split("\n"), markup`<br>`), markup`</p>`]);
}

function cutParagraph(text: string, max: number): SafeHtml[] {
  const room = Math.max(16, max - P_OVERHEAD);
  const out: SafeHtml[] = [];
  const chars = Array.from(text);
  let start = 0;
  while (start < chars.length) {
    let bytes = 0;
    let end = start;
    let lastSpace = -1;
    while (end < chars.length && bytes + escapedBytes(chars[end]!) <= room) {
      bytes += escapedBytes(chars[end]!);
      if (/\s/.test(chars[end]!)) lastSpace = end;
      end += 1;
    }
    if (end < chars.length && lastSpace > start) end = lastSpace + 1;
    if (end === start) end = start + 1; // a single character always fits a real limit
    const piece = chars.slice(start, end).join("").trim();
    if (piece !== "") out.push(paragraphOf(piece));
    start = end;
  }
  return out;
}

function decisionBlocks(d: MinutesDecision, max: number): SafeHtml[] {
  const about = d.initiativeTitle ? markup` (tiltag: ${d.initiativeTitle})` : "";
  const blocks: SafeHtml[] = [markup`<p><strong>Beslutning${about}:</strong></p>`];
  blocks.push(...paragraphBlocks(d.text, max));
  if (d.carriedTo.length > 0) {
    blocks.push(
      markup`<p>Bæres videre til: ${d.carriedTo.map((f) => FORUM_NAMES[f]).join(", ")}.</p>`,
    );
  }
  blocks.push(...actionsHtml(d.actions).flatMap((b) => cutList(b, d.actions, max)));
  return blocks;
}

function otherDecisionsSection(decisions: readonly MinutesDecision[], max: number): Section | null {
  if (decisions.length === 0) return null;
  return {
    heading: (continued) => markup`<h3>Øvrige beslutninger${continued ? " (fortsat)" : ""}</h3>`,
    blocks: decisions.flatMap((d) => decisionBlocks(d, max)),
  };
}

function pointSection(p: MinutesPoint, max: number): Section {
  const blocks: SafeHtml[] = [...paragraphBlocks(p.minutesText, max)];
  if (p.minutesText.trim() === "" && p.decisions.length === 0) {
    blocks.push(markup`<p><em>Intet referat til punktet.</em></p>`);
  }
  for (const d of p.decisions) blocks.push(...decisionBlocks(d, max));
  return {
    heading: (continued) =>
      markup`<h3>${p.number}. ${p.title}${continued ? " (fortsat)" : ""}</h3><p><em>${p.kind}</em></p>`,
    blocks,
  };
}

/** A list of actions too long for one message, as several lists. */
function cutList(whole: SafeHtml, actions: readonly MinutesAction[], max: number): SafeHtml[] {
  if (byteLength(whole) <= max) return [whole];
  const out: SafeHtml[] = [];
  let current: SafeHtml[] = [];
  const wrap = (items: SafeHtml[]) => markup`<p><strong>Opfølgning:</strong></p><ul>${items}</ul>`;
  for (const a of actions) {
    const next = [...current, actionHtml(a)];
    if (current.length > 0 && byteLength(wrap(next)) > max) {
      out.push(wrap(current));
      current = [actionHtml(a)];
    } else current = next;
  }
  if (current.length > 0) out.push(wrap(current));
  return out;
}

function otherActionsSection(actions: readonly MinutesAction[], max: number): Section | null {
  if (actions.length === 0) return null;
  const list = actionsHtml(actions);
  return {
    heading: (continued) =>
      markup`<h3>Øvrige opfølgningspunkter${continued ? " (fortsat)" : ""}</h3>`,
    blocks: list.flatMap((b) => cutList(b, actions, max)),
  };
}

function headerHtml(doc: MinutesDocument, revision: number, part: number, total: number): SafeHtml {
  const place = doc.location.trim() ? `, ${doc.location.trim()}` : "";
  const approved =
    doc.approvedAt !== null
      ? markup`<p>Godkendt af ${doc.approvedByName ?? "formanden"} den ${dateDa(doc.approvedAt)}.</p>`
      : "";
  const corrected =
    revision > 1
      ? markup`<p><strong>Rettet referat.</strong> Denne udgave erstatter det referat, der tidligere er slået op.</p>`
      : "";
  const parts = total > 1 ? markup`<p>Del ${part} af ${total}.</p>` : "";
  return markup`<h2>Referat: ${doc.meetingTitle}</h2><p>${dateDa(doc.start)} kl. ${timeDa(doc.start)}–${timeDa(doc.end)}${place}</p>${approved}${corrected}${parts}`;
}

function footerHtml(meetingLink: string): SafeHtml {
  return markup`<p>${link(meetingLink, "Åbn referatet i Digistyr", { allowLocalhost: true })}</p>`;
}

/** Room kept in every message for the link back to the tab (a Teams deep link is long). */
export const LINK_RESERVE_BYTES = 2048;

// ---------------------------------------------------------------- splitting

export interface MinutesPost {
  subject: string;
  html: string;
}

export interface SplitOptions {
  /** Which posting: 1 the first, more a correction ("Rettet referat"). */
  revision: number;
  /** The link back to the meeting's minutes in the tab. */
  meetingLink: string;
  /** The most bytes of HTML per message (default MINUTES_PART_MAX_BYTES). */
  maxBytes?: number;
}

/**
 * The approved minutes as channel posts: points are packed in order into as few messages as
 * fit, a point never split unless it is longer than a message on its own (then it continues in
 * the next message under its heading marked "(fortsat)"). Every message has the header (meeting,
 * date, approval, "Del i af n", a correction's mark) and the link back to the tab. The split
 * depends only on the minutes and the revision, never on the link's length (a fixed reserve), so
 * a retry from another session finds the same parts with the same subjects.
 */
export function splitMinutes(doc: MinutesDocument, options: SplitOptions): MinutesPost[] {
  const maxBytes = options.maxBytes ?? MINUTES_PART_MAX_BYTES;
  const footer = footerHtml(options.meetingLink);
  if (byteLength(footer) > LINK_RESERVE_BYTES) {
    throw new Error("The link back to the tab is longer than the room kept for it.");
  }
  // Worst case header: the most digits a part number will have.
  const overhead = byteLength(headerHtml(doc, options.revision, 999, 999)) + LINK_RESERVE_BYTES;
  const budget = maxBytes - overhead;
  if (budget < 512) throw new Error("The message limit leaves no room for the minutes.");

  const sections = [
    ...doc.points.map((p) => pointSection(p, Math.floor(budget / 2))),
    otherDecisionsSection(doc.otherDecisions, Math.floor(budget / 2)),
    otherActionsSection(doc.otherActions, Math.floor(budget / 2)),
  ].filter((s): s is Section => s !== null);

  const parts: SafeHtml[][] = [];
  let current: SafeHtml[] = [];
  let used = 0;
  const flush = () => {
    if (current.length > 0) parts.push(current);
    current = [];
    used = 0;
  };
  const put = (h: SafeHtml) => {
    current.push(h);
    used += byteLength(h);
  };

  for (const s of sections) {
    const head = s.heading(false);
    const size = byteLength(head) + s.blocks.reduce((n, b) => n + byteLength(b), 0);
    if (size <= budget - used) {
      put(head);
      s.blocks.forEach(put);
      continue;
    }
    if (size <= budget) {
      flush();
      put(head);
      s.blocks.forEach(put);
      continue;
    }
    // Longer than one message: start it on a fresh message and continue it as needed.
    flush();
    put(head);
    for (const b of s.blocks) {
      if (byteLength(b) > budget - used) {
        flush();
        put(s.heading(true));
      }
      put(b);
    }
  }
  flush();
  if (parts.length === 0) parts.push([markup`<p><em>Referatet har ingen punkter.</em></p>`]);

  const total = parts.length;
  return parts.map((blocks, i) => ({
    subject: minutesSubject(doc, options.revision, i + 1, total),
    html: toHtmlString(
      joinHtml([headerHtml(doc, options.revision, i + 1, total), ...blocks, footer]),
    ),
  }));
}
