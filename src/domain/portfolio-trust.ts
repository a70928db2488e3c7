/**
 * The portfolio as the committee may count it. Anyone with write access to a list can write
 * whatever the list's permissions allow with their own token and plain REST, so before the
 * portfolio's figures are counted every item is checked with the rules it is written with,
 * against facts the server sets (Author, Editor, Created) and the site groups (`Roster`):
 *
 * - an initiative's phase, priority and mandatory flag are the values its valid recorded
 *   changes set (`replayGates`), whatever is stored on the item;
 * - budget lines, status reports and benefit measurements count only when written by someone
 *   allowed to write them for that initiative or benefit, and valid when read.
 *
 * Everything else is irregular: not counted, and listed (for the chair and the secretary, and
 * `npm run audit`) with the rule it breaks and who wrote it.
 */
import type { Benefit, BenefitMeasurement, StatusReport } from "./benefits.js";
import { type BenefitMeasurementRule, checkBenefitMeasurements } from "./benefits.js";
import type { InitiativeId } from "./ids.js";
import { type Irregularity, sortIrregularities } from "./irregularities.js";
import { type GateReplay, type GateRule, type GateSubject, replayGates } from "./lifecycle.js";
import {
  type BudgetLine,
  type BudgetLineRule,
  checkBudgetLines,
  type Initiative,
  type InitiativeWriters,
  type PhaseChange,
} from "./portfolio.js";
import type { Roster } from "./roles.js";
import {
  checkStatusReports,
  currentReports,
  type ReportingInitiative,
  type StatusReportRule,
} from "./status-reports.js";
import type { Rag } from "./vocabulary.js";

/** Every rule the portfolio's checks can report. */
export type PortfolioRule =
  | GateRule
  | "phaseChange.noInitiative"
  | BudgetLineRule
  | StatusReportRule
  | BenefitMeasurementRule;

/** What the gate replay and the ownership checks read of an initiative. */
export type CheckedInitiativeFields = GateSubject & InitiativeWriters & ReportingInitiative;

/**
 * Each initiative's gate replay, by id. Records of initiatives not among `initiatives` are
 * irregular only when `complete` says every initiative was given (the audit), since a page
 * that reads one initiative's records reads only those.
 */
export function checkGates(
  initiatives: readonly GateSubject[],
  phaseChanges: readonly PhaseChange[],
  roster: Roster,
  options: { complete?: boolean } = {},
): { gates: Map<InitiativeId, GateReplay>; irregular: Irregularity<PortfolioRule>[] } {
  const byInitiative = new Map<number, PhaseChange[]>();
  const orphans: Irregularity<PortfolioRule>[] = [];
  const known = new Set<number>(initiatives.map((i) => i.id));
  for (const r of phaseChanges) {
    if (!r.initiative || !known.has(r.initiative.id)) {
      if (options.complete) {
        orphans.push({
          list: "PhaseChanges",
          item: r.id,
          rule: "phaseChange.noInitiative",
          by: r.createdBy,
          params: { initiative: r.initiative?.title ?? null },
        });
      }
      continue;
    }
    const list = byInitiative.get(r.initiative.id) ?? [];
    list.push(r);
    byInitiative.set(r.initiative.id, list);
  }
  const gates = new Map<InitiativeId, GateReplay>();
  const irregular: Irregularity<PortfolioRule>[] = [...orphans];
  for (const i of initiatives) {
    const replay = replayGates(i, byInitiative.get(i.id) ?? [], roster);
    gates.set(i.id, replay);
    irregular.push(...replay.irregular);
  }
  return { gates, irregular };
}

/** Everything the portfolio's checks read. */
export interface PortfolioFacts {
  initiatives: readonly CheckedInitiativeFields[];
  phaseChanges: readonly PhaseChange[];
  budgetLines: readonly BudgetLine[];
  statusReports: readonly StatusReport[];
  benefits: readonly Pick<Benefit, "id" | "title" | "owner">[];
  benefitMeasurements: readonly BenefitMeasurement[];
  roster: Roster;
  /** Measurements dated after this are irregular. */
  now: Date;
}

export interface PortfolioCheck {
  gates: Map<InitiativeId, GateReplay>;
  budgetLines: BudgetLine[];
  /** Valid reports, each period's current one first chosen by `currentReports`. */
  statusReports: StatusReport[];
  benefitMeasurements: BenefitMeasurement[];
  /** Everything irregular, sorted by list, item and rule. */
  irregular: Irregularity<PortfolioRule>[];
}

/** The whole portfolio checked: what counts, and what is irregular. */
export function checkPortfolio(facts: PortfolioFacts): PortfolioCheck {
  const initiatives = new Map<number, CheckedInitiativeFields>(
    facts.initiatives.map((i) => [i.id, i]),
  );
  const gates = checkGates(facts.initiatives, facts.phaseChanges, facts.roster, {
    complete: true,
  });
  const lines = checkBudgetLines(facts.budgetLines, initiatives, facts.roster);
  const reports = checkStatusReports(facts.statusReports, initiatives, facts.roster);
  const measurements = checkBenefitMeasurements(
    facts.benefitMeasurements,
    new Map(facts.benefits.map((b) => [b.id as number, b])),
    facts.roster,
    facts.now,
  );
  return {
    gates: gates.gates,
    budgetLines: lines.valid,
    statusReports: reports.valid,
    benefitMeasurements: measurements.valid,
    irregular: sortIrregularities<Irregularity<PortfolioRule>>([
      ...gates.irregular,
      ...lines.irregular,
      ...reports.irregular,
      ...measurements.irregular,
    ]),
  };
}

/**
 * The status an initiative shows: the overall rating of its newest valid published report (by
 * period; within a period the one `currentReports` chooses), else its stored LatestStatus (the
 * copy kept on the item, e.g. from before the reports were kept in the app).
 */
export function validLatestStatus(
  initiative: Pick<Initiative, "id" | "latestStatus">,
  validReports: readonly Pick<
    StatusReport,
    "id" | "initiative" | "period" | "state" | "created" | "overall"
  >[],
): Rag | null {
  const published = currentReports(
    validReports.filter((r) => r.initiative?.id === initiative.id),
  ).filter((r) => r.state === "Publiceret");
  const newest = published.sort((a, b) => (a.period < b.period ? 1 : -1))[0];
  return newest ? newest.overall : initiative.latestStatus;
}
