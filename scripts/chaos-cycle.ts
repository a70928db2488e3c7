/**
 * The secretary's quarterly cycle, step by step, through the app's own use-cases and adapters
 * as the demo users: plan the year, open a priority round, every member votes, close it, build
 * and send an agenda, write minutes with decisions and an action, the chair approves them and
 * they go to Chefforum, and the chair sends the portfolio-plan report to Direktørforum.
 *
 * Each step is written the way a person retries it after an error: read the page again and do
 * what is still missing (a meeting without its Teams meeting gets "Tilføj til kalenderen", a
 * point already on the agenda is not added again, a ballot already saved is not cast again).
 * So running a step twice, or after a crash part-way, must leave exactly what running it once
 * leaves: that is what `npm run chaos` checks.
 */
import { createSpreadsheetFiles } from "../src/adapters/files/index.js";
import { createGraphAdapters } from "../src/adapters/graph/index.js";
import type { RetryPolicyOptions } from "../src/adapters/retry-policy.js";
import { createSharePointAdapters } from "../src/adapters/sharepoint/index.js";
import type { Clock } from "../src/domain/clock.js";
import type { RoundId } from "../src/domain/ids.js";
import type { PlanForm } from "../src/domain/meeting-plan.js";
import type { Meeting } from "../src/domain/meetings.js";
import { ROLE_GROUPS } from "../src/domain/roles.js";
import { devTokenProvider } from "../src/host/dev-token.js";
import { PEOPLE } from "../src/seed/people.js";
import {
  addAgendaPoint,
  loadAgenda,
  loadCandidates,
  sendAgenda,
  updateAgendaPoint,
} from "../src/use-cases/agenda.js";
import {
  addMeetingToCalendar,
  createPlannedMeetings,
  loadMeetingPlan,
} from "../src/use-cases/meeting-plan.js";
import {
  approveMinutes,
  loadMinutes,
  postApprovedMinutes,
  saveAction,
  savePointMinutes,
} from "../src/use-cases/minutes.js";
import { loadReportsPage, resendReport, sendReport } from "../src/use-cases/reports.js";
import { closeRound, loadRoundPage, openRound, saveBallot } from "../src/use-cases/rounds.js";

export interface CycleUrls {
  sharepoint: string;
  graph: string;
}

/** The year the cycle plans; the demo data's own meetings lie before it. */
export const CYCLE_YEAR = 2028;
const ROUND_TITLE = `Kvartalsrunde ${CYCLE_YEAR}`;
const FREE_POINT = "Orientering fra sekretariatet";
const ACTION_TITLE = "Følg op på beslutningen";
const TAB = "https://digistyr.example/tab";

/** A fixed moment per step, so two runs (reference and chaos) write the same things. */
function clockAt(iso: string): Clock {
  const at = new Date(iso);
  return { now: () => at };
}

export interface Step {
  name: string;
  run(): Promise<void>;
}

/** Fails the step with what the use-case answered, so it is retried. */
function must<T>(outcome: { ok: true; value: T } | { ok: false; error: unknown }, what: string): T {
  if (outcome.ok) return outcome.value;
  throw new Error(`${what}: ${JSON.stringify(outcome.error)}`);
}

export function cycleSteps(urls: CycleUrls, retry: RetryPolicyOptions): Step[] {
  const as = (upn: string, clock: Clock) => {
    const sp = createSharePointAdapters(urls.sharepoint, devTokenProvider(upn), { retry });
    const graph = createGraphAdapters({
      baseUrl: urls.graph,
      tokens: devTokenProvider(upn),
      retry,
    });
    return { ...sp, ...graph, clock };
  };
  const link = (route: string) => `${TAB}#${route}`;
  const planning = clockAt(`${CYCLE_YEAR - 1}-11-01T09:00:00Z`);
  const voting = clockAt(`${CYCLE_YEAR - 1}-11-10T09:00:00Z`);
  const closing = clockAt(`${CYCLE_YEAR - 1}-11-20T09:00:00Z`);
  const agendaTime = clockAt(`${CYCLE_YEAR}-01-20T09:00:00Z`);

  const firstMeeting = async (clock: Clock): Promise<Meeting> => {
    const page = await loadMeetingPlan(as(PEOPLE.secretary, clock), CYCLE_YEAR);
    const first = page.meetings.find((m) => m.state !== "Aflyst");
    if (!first) throw new Error(`No meeting planned in ${CYCLE_YEAR}`);
    return first;
  };
  const afterMeeting = async (): Promise<Clock> => {
    const m = await firstMeeting(agendaTime);
    return { now: () => new Date(Date.parse(m.end) + 60 * 60_000) };
  };
  /** Reports saved by this run are newer than the moment the steps were made (server time). */
  const cycleStart = new Date().toISOString();
  const roundId = async (): Promise<RoundId | null> => {
    const ports = as(PEOPLE.secretary, closing);
    const found = await ports.repositories.rounds.list({ where: { title: ROUND_TITLE } });
    return found[0]?.id ?? null;
  };

  return [
    {
      name: "planlæg året",
      run: async () => {
        const ports = as(PEOPLE.secretary, planning);
        const page = await loadMeetingPlan(ports, CYCLE_YEAR);
        if (page.meetings.length === 0) {
          const form: PlanForm = {
            pattern: {
              kind: "interval",
              firstDate: `${CYCLE_YEAR}-02-01`,
              everyMonths: 3,
              count: 4,
            },
            startTime: "09:00",
            durationMinutes: 120,
            location: "Rådhuset, mødelokale 2",
            kind: "Ordinært møde",
          };
          must(await createPlannedMeetings(ports, form, { link }), "Planen blev ikke oprettet");
        }
        // What the page then offers for each meeting without its Teams meeting.
        const planned = await loadMeetingPlan(ports, CYCLE_YEAR);
        for (const m of planned.meetings) {
          if (m.graphEventId.trim() === "" || m.joinUrl.trim() === "") {
            must(await addMeetingToCalendar(ports, m.id, { link }), `Møde ${m.id} i kalenderen`);
          }
        }
      },
    },
    {
      name: "åbn prioriteringsrunden",
      run: async () => {
        if ((await roundId()) !== null) return;
        const ports = as(PEOPLE.chair, planning);
        const candidates = await ports.repositories.initiatives.list({
          where: { phase: "Klar til prioritering" },
        });
        if (candidates.length < 2) throw new Error("The demo data has too few candidates");
        const opened = must(
          await openRound(
            ports,
            {
              title: ROUND_TITLE,
              method: "Rangordning",
              candidates: candidates
                .sort((a, b) => a.id - b.id)
                .slice(0, 4)
                .map((i) => ({ id: i.id, title: i.title })),
              opens: null,
              closes: null,
              resultsVisibility: "Efter lukning",
              weightSet: null,
              meeting: null,
              settings: {},
            },
            { link: (id) => link(`/prioritering/runder/${id}`), closesText: null },
          ),
          "Runden blev ikke åbnet",
        );
        if (opened.notice.kind === "failed") throw opened.notice.error;
      },
    },
    {
      name: "medlemmerne stemmer",
      run: async () => {
        const id = await roundId();
        if (id === null) throw new Error("No round to vote in");
        const reader = as(PEOPLE.secretary, voting);
        const voters = new Map<string, string>();
        for (const group of [ROLE_GROUPS.member, ROLE_GROUPS.chair]) {
          for (const p of (await reader.people.groupMembers?.(group)) ?? []) {
            if (p.email) voters.set(p.email.toLowerCase(), p.email);
          }
        }
        for (const upn of [...voters.values()].sort()) {
          const ports = as(upn, voting);
          const page = await loadRoundPage(ports, id);
          if (page.myBallot) continue;
          const ranked = [...page.round.candidates].sort((a, b) => a.id - b.id);
          must(
            await saveBallot(ports, {
              ...page,
              payload: {
                entries: ranked.map((c, i) => ({ candidate: c.id, rank: i + 1 })),
              },
              comment: "",
              existing: null,
            }),
            `${upn}s stemme`,
          );
        }
      },
    },
    {
      name: "luk runden",
      run: async () => {
        const id = await roundId();
        if (id === null) throw new Error("No round to close");
        const ports = as(PEOPLE.chair, closing);
        const page = await loadRoundPage(ports, id);
        if (page.round.state === "Lukket" && page.result) return;
        must(await closeRound(ports, page.round), "Runden blev ikke lukket");
      },
    },
    {
      name: "byg og send dagsordenen",
      run: async () => {
        const ports = { ...as(PEOPLE.secretary, agendaTime), linkTo: link };
        const meeting = await firstMeeting(agendaTime);
        const agenda = await loadAgenda(ports, meeting.id);
        const groups = await loadCandidates(ports, agenda.meeting, agenda.items);
        const wanted = groups
          .flatMap((g) => g.candidates)
          .filter((c) => c.initiative !== null && c.kind === "Beslutning")
          .slice(0, 2);
        let items = agenda.items;
        for (const c of wanted) {
          if (c.onAgenda || items.some((i) => i.title === c.title)) continue;
          items = [
            ...items,
            must(
              await addAgendaPoint(ports, meeting.id, { kind: "candidate", candidate: c }),
              c.title,
            ).item,
          ];
        }
        if (!items.some((i) => i.title === FREE_POINT)) {
          const free = { kind: "free" as const, title: FREE_POINT };
          items = [...items, must(await addAgendaPoint(ports, meeting.id, free), FREE_POINT).item];
        }
        for (const i of items) {
          if (i.kind === "Beslutning" && i.recommendation.trim() === "") {
            must(
              await updateAgendaPoint(ports, i, {
                recommendation: "Sekretariatet indstiller, at forslaget godkendes.",
              }),
              `Indstilling til ${i.title}`,
            );
          }
        }
        const fresh = await loadAgenda(ports, meeting.id);
        if (fresh.meeting.agendaSentAt) return;
        const sent = await sendAgenda(ports, meeting.id, {
          confirmOverrun: true,
          meetingRoute: `/moeder/${meeting.id}`,
        });
        if (!sent.ok)
          throw new Error(`Dagsordenen blev ikke sendt: ${JSON.stringify(sent.problems)}`);
      },
    },
    {
      name: "skriv referatet",
      run: async () => {
        const clock = await afterMeeting();
        const ports = as(PEOPLE.secretary, clock);
        const meeting = await firstMeeting(clock);
        let page = await loadMinutes(ports, meeting.id);
        for (const item of page.items) {
          const existing = page.decisions.find((d) => d.agendaItem?.id === item.id) ?? null;
          const text = `Referat af ${item.title}.`;
          if (item.minutesText === text && (item.kind !== "Beslutning" || existing)) continue;
          must(
            await savePointMinutes(ports, {
              meeting: page.meeting,
              item,
              minutesText: text,
              decision:
                item.kind === "Beslutning"
                  ? { text: `Styregruppen godkendte ${item.title}.`, carriedTo: [] }
                  : null,
              existingDecision: existing,
            }),
            `Referat af ${item.title}`,
          );
          page = await loadMinutes(ports, meeting.id);
        }
        if (!page.actions.some((a) => a.title === ACTION_TITLE)) {
          must(
            await saveAction(ports, {
              meeting: page.meeting,
              action: {
                title: ACTION_TITLE,
                description: "",
                owner: page.me.person,
                due: `${CYCLE_YEAR}-03-01T00:00:00.000Z`,
                state: "Åben",
                decision: page.decisions[0] ?? null,
              },
              existing: null,
            }),
            ACTION_TITLE,
          );
        }
      },
    },
    {
      name: "godkend referatet og send det til Chefforum",
      run: async () => {
        const clock = await afterMeeting();
        const ports = as(PEOPLE.chair, clock);
        const meeting = await firstMeeting(clock);
        const page = await loadMinutes(ports, meeting.id);
        const meetingLink = link(`/moeder/${meeting.id}/referat`);
        if (page.meeting.state === "Referat udsendt") return;
        if (page.standing?.status.kind === "approved") {
          const posted = await postApprovedMinutes(ports, { meetingId: meeting.id, meetingLink });
          if (posted.kind === "failed") throw posted.error;
          return;
        }
        const approved = await approveMinutes(ports, { ...page, meetingLink });
        if (approved.posting.kind === "failed") throw approved.posting.error;
      },
    },
    {
      name: "send porteføljeplanen til Direktørforum",
      run: async () => {
        const clock = await afterMeeting();
        // The chair sends it: the orientation goes to Chefforum's channel, and in the demo
        // directory the chair is in Chefforum's team while the secretary is not.
        const ports = { ...as(PEOPLE.chair, clock), files: createSpreadsheetFiles() };
        const link = `${TAB}#/rapporter`;
        const page = await loadReportsPage(ports);
        const mine = page.reports.find(
          (r) => r.header.kind === "Direktørforum" && r.header.created >= cycleStart,
        );
        // What the history offers for a report saved but not sent, or not yet told Chefforum.
        const outcome = mine
          ? await resendReport(ports, { id: mine.header.id, link })
          : await sendReport(ports, { kind: "Direktørforum", link });
        const sent = must(outcome, "Rapporten blev ikke sendt");
        if (sent.chefforum.kind === "failed") throw sent.chefforum.error;
      },
    },
  ];
}
