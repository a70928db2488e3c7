/**
 * Loads what the Overblik needs through the ports, in parallel and narrowed to what the cards
 * show: open rounds, this and last reporting period's status reports, followed benefits, the
 * phases that await a decision or report status, and the one setting the meeting card reads.
 * The next meeting's agenda (and any initiative on it outside those phases) is the only second
 * wave, because it depends on which meeting is next. The domain decides what each card shows.
 */
import type { Clock } from "../domain/clock.js";
import {
  composeDashboard,
  type Dashboard,
  type DashboardInput,
  nextMeetingOf,
  previousReportingPeriodOf,
  REPORTING_PHASES,
  reportingPeriodOf,
} from "../domain/dashboard.js";
import { isStoreError } from "../domain/errors.js";
import type { AgendaItem } from "../domain/meetings.js";
import type { Initiative } from "../domain/portfolio.js";
import { SETTING_KEYS } from "../domain/strategy.js";
import type { Phase } from "../domain/vocabulary.js";
import type { CurrentUser, SitePeople } from "../ports/current-user.js";
import type { Repositories } from "../ports/repositories.js";
import { loadRoster } from "./portfolio-audit.js";
import { maySeeRoundPage } from "./rounds.js";

/** Phases whose initiatives the dashboard reads: awaiting a decision, or reporting status. */
const DASHBOARD_PHASES: readonly Phase[] = ["Klar til prioritering", ...REPORTING_PHASES];

export interface DashboardPorts {
  currentUser: CurrentUser;
  repositories: Repositories;
  clock: Clock;
  /**
   * The site groups: with a port that can list their members, the counts use the initiatives'
   * valid phases and only valid status reports (`DashboardInput.trust`).
   */
  people?: SitePeople;
}

/** Everything the dashboard shows, read through the ports (exported for tests and the bench). */
export async function loadDashboardInput(ports: DashboardPorts): Promise<DashboardInput> {
  const r = ports.repositories;
  const now = ports.clock.now();
  const periods = [reportingPeriodOf(now), previousReportingPeriodOf(now)];

  const meetings = r.meetings.list();
  const initiatives = r.initiatives.list({ where: { phase: DASHBOARD_PHASES } });
  // The next meeting's agenda, and initiatives on it that the phase filter did not bring.
  const agenda = meetings.then(async (all) => {
    const next = nextMeetingOf(all, now);
    if (!next) return { items: [] as AgendaItem[], extra: [] as Initiative[] };
    const items = await r.agendaItems.list({ where: { meeting: next.id } });
    const loaded = new Set<number>((await initiatives).map((i) => i.id));
    const missing = [
      ...new Set(items.flatMap((a) => (a.initiative ? [a.initiative.id] : []))),
    ].filter((id) => !loaded.has(id));
    const extra = await Promise.all(missing.map((id) => r.initiatives.get(id)));
    return { items, extra };
  });

  const who = ports.currentUser.me();
  const [me, rounds, ballots, allMeetings, phased, areas, statusReports, benefits, settings, next] =
    await Promise.all([
      who,
      r.rounds.list({ where: { state: "Åben" } }),
      // Members only ever see their own ballots (item-level security); people outside the
      // committee cannot see the list at all (SharePoint answers 404 or 403): the list is not
      // asked for them (no failed request), and a store that still refuses counts as none.
      who.then((m) =>
        maySeeRoundPage(m)
          ? r.ballots
              .list()
              .catch((e: unknown) =>
                isStoreError(e, "NotFound") || isStoreError(e, "Forbidden")
                  ? []
                  : Promise.reject(e as Error),
              )
          : [],
      ),
      meetings,
      initiatives,
      r.areas.list(),
      r.statusReports.list({ where: { period: periods } }),
      r.benefits.list({ where: { state: ["Godkendt", "Under realisering"] } }),
      r.settings.list({ where: { key: SETTING_KEYS.minMeetingsPerYear } }),
      agenda,
    ]);
  const initiativesRead = [...phased, ...next.extra];
  const people = ports.people;
  const trust =
    people && "groupMembers" in people && initiativesRead.length > 0
      ? await Promise.all([
          loadRoster(people),
          r.phaseChanges.list({ where: { initiative: initiativesRead.map((i) => i.id) } }),
        ]).then(([roster, phaseChanges]) => ({ roster, phaseChanges }))
      : undefined;
  return {
    me,
    rounds,
    ballots,
    meetings: allMeetings,
    agendaItems: next.items,
    initiatives: initiativesRead,
    areas,
    statusReports,
    benefits,
    settings,
    ...(trust ? { trust } : {}),
  };
}

/** The signed-in person's dashboard: what each card shows, decided by the domain. */
export async function loadDashboard(ports: DashboardPorts): Promise<Dashboard> {
  return composeDashboard(await loadDashboardInput(ports), ports.clock);
}
