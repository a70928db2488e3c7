/**
 * The initiative page (issue 4 §3, §7): everything about one initiative, read in parallel with
 * filters on the indexed `Initiative` lookup of each related list, and saving edits with the
 * version they were read at. A save that meets someone else's newer version is answered with
 * both versions side by side (`EditConflict`), never by overwriting; "keep mine" is a second,
 * explicit save over the version now stored.
 *
 * The page shows the initiative as the committee counts it: its phase, priority and mandatory
 * flag as its valid recorded changes set them, its valid budget lines and status reports; what
 * is irregular is listed for the chair and the secretary.
 */
import type { Benefit, StatusReport } from "../domain/benefits.js";
import { err, ok, type Person, type Result } from "../domain/common.js";
import { describeConflict, type EditConflict, keepMine } from "../domain/conflicts.js";
import { isStoreError } from "../domain/errors.js";
import type { InitiativeId, MeetingId } from "../domain/ids.js";
import { type Irregularity, sortIrregularities } from "../domain/irregularities.js";
import {
  checkGovernance,
  type GateReplay,
  maySetGates,
  replayGates,
  withValidGates,
} from "../domain/lifecycle.js";
import type { AgendaItem, Decision, Meeting } from "../domain/meetings.js";
import {
  type Area,
  type BudgetLine,
  checkBudgetLines,
  type Initiative,
  type PhaseChange,
  type StrategyGoal,
  validateInitiative,
} from "../domain/portfolio.js";
import { type PortfolioRule, validLatestStatus } from "../domain/portfolio-trust.js";
import type { Allocation } from "../domain/resources.js";
import { checkStatusReports } from "../domain/status-reports.js";
import type { FieldProblem } from "../domain/validation.js";
import { BUDGET_KINDS, type BudgetKind } from "../domain/vocabulary.js";
import type { Repositories } from "../ports/repositories.js";
import { type PhaseChangePorts, saveWithMandatoryRecord } from "./phase-change.js";
import { loadRoster, type TrustPorts } from "./portfolio-audit.js";

export interface AgendaAppearance {
  item: AgendaItem;
  /** The meeting the point was on; null when it cannot be read. */
  meeting: Meeting | null;
}

export interface InitiativePage {
  /**
   * The initiative as the committee counts it: phase, priority and mandatory flag from its
   * valid recorded changes, its status from its valid reports.
   */
  initiative: Initiative;
  /** The gates as stored and as recorded (they differ when the item is irregular). */
  gates: GateReplay;
  /** The valid recorded changes, in the order they were made. */
  phaseChanges: PhaseChange[];
  /** Newest first. */
  decisions: Decision[];
  /** Newest meeting first. */
  agenda: AgendaAppearance[];
  /** Valid reports, newest period first. */
  statusReports: StatusReport[];
  /** Valid budget lines (the ones the sums count). */
  budgetLines: BudgetLine[];
  benefits: Benefit[];
  allocations: Allocation[];
  /**
   * What is irregular about the initiative (its gates, its change records, budget lines and
   * status reports), each naming who wrote it: for the chair and the secretary.
   */
  irregular: Irregularity<PortfolioRule>[];
}

const time = (iso: string | null | undefined) => (iso ? Date.parse(iso) : 0);

/** Everything the page shows but the comments (they have their own, often refreshed, query). */
export async function loadInitiativePage(
  ports: TrustPorts,
  id: InitiativeId,
): Promise<InitiativePage> {
  const { repositories } = ports;
  const where = { where: { initiative: id } };
  const [
    stored,
    phaseChanges,
    decisions,
    agendaItems,
    statusReports,
    budgetLines,
    benefits,
    allocations,
    roster,
  ] = await Promise.all([
    repositories.initiatives.get(id),
    repositories.phaseChanges.list(where),
    repositories.decisions.list(where),
    repositories.agendaItems.list(where),
    repositories.statusReports.list(where),
    repositories.budgetLines.list(where),
    repositories.benefits.list(where),
    repositories.allocations.list(where),
    loadRoster(ports.people),
  ]);
  // An initiative is on a handful of meetings: read just those.
  const meetingIds = [
    ...new Set(agendaItems.flatMap((a) => (a.meeting ? [a.meeting.id] : []))),
  ] as MeetingId[];
  const meetings = new Map<number, Meeting | null>(
    await Promise.all(
      meetingIds.map(async (m) => {
        try {
          return [m, await repositories.meetings.get(m)] as const;
        } catch (e) {
          if (isStoreError(e, "NotFound")) return [m, null] as const;
          throw e;
        }
      }),
    ),
  );
  const agenda = agendaItems
    .map((item) => ({
      item,
      meeting: item.meeting ? (meetings.get(item.meeting.id) ?? null) : null,
    }))
    .sort(
      (a, b) =>
        time(b.meeting?.start) - time(a.meeting?.start) || a.item.sortOrder - b.item.sortOrder,
    );
  const gates = replayGates(stored, phaseChanges, roster);
  const self = new Map<number, Initiative>([[stored.id, stored]]);
  const lines = checkBudgetLines(budgetLines, self, roster);
  const reports = checkStatusReports(statusReports, self, roster);
  const initiative = {
    ...withValidGates(stored, gates),
    latestStatus: validLatestStatus(stored, reports.valid),
  };
  return {
    initiative,
    gates,
    phaseChanges: gates.records,
    decisions: [...decisions].sort((a, b) => time(b.decidedAt) - time(a.decidedAt)),
    agenda,
    statusReports: [...reports.valid].sort((a, b) => b.period.localeCompare(a.period)),
    budgetLines: lines.valid,
    benefits,
    allocations,
    irregular: sortIrregularities<Irregularity<PortfolioRule>>([
      ...gates.irregular,
      ...lines.irregular,
      ...reports.irregular,
    ]),
  };
}

// ---------------------------------------------------------------- summaries

export interface BudgetSummary {
  years: number[];
  /** Amount per year and kind (0 where there is no line). */
  byYear: { year: number; amounts: Record<BudgetKind, number>; total: number }[];
  /** Per kind over all years. */
  totals: Record<BudgetKind, number>;
  /** Costs (anlæg + drift) less savings (gevinst), over all years. */
  net: number;
}

const zeroByKind = (): Record<BudgetKind, number> => ({ Anlæg: 0, Drift: 0, Gevinst: 0 });

/** The budget lines by year and kind, with totals. A saving counts against the costs. */
export function summariseBudget(lines: readonly BudgetLine[]): BudgetSummary {
  const years = [...new Set(lines.map((l) => l.year))].sort((a, b) => a - b);
  const totals = zeroByKind();
  const byYear = years.map((year) => {
    const amounts = zeroByKind();
    for (const l of lines) if (l.year === year) amounts[l.kind] += l.amount ?? 0;
    for (const k of BUDGET_KINDS) totals[k] += amounts[k];
    return { year, amounts, total: amounts.Anlæg + amounts.Drift - amounts.Gevinst };
  });
  return { years, byYear, totals, net: totals.Anlæg + totals.Drift - totals.Gevinst };
}

export interface BenefitsSummary {
  /** Benefits (not dis-benefits). */
  count: number;
  disbenefits: number;
  /** Sum of the expected targets of the cash benefits, in DKK. */
  expectedCash: number;
  /** Benefits without an expected target among the cash ones. */
  cashWithoutTarget: number;
  /** Benefit owners, each once, by name. */
  owners: Person[];
  withoutOwner: number;
}

export function summariseBenefits(benefits: readonly Benefit[]): BenefitsSummary {
  const real = benefits.filter((b) => !b.isDisbenefit);
  const cash = real.filter((b) => b.isCash);
  const owners = new Map<number, Person>();
  for (const b of real) if (b.owner) owners.set(b.owner.id, b.owner);
  return {
    count: real.length,
    disbenefits: benefits.length - real.length,
    expectedCash: cash.reduce((s, b) => s + (b.targetExpected ?? 0), 0),
    cashWithoutTarget: cash.filter((b) => b.targetExpected === null).length,
    owners: [...owners.values()].sort((a, b) => a.name.localeCompare(b.name, "da")),
    withoutOwner: real.filter((b) => b.owner === null).length,
  };
}

// ---------------------------------------------------------------- saving

export type SaveRefusal<K extends keyof Initiative> =
  | { kind: "invalid"; problems: FieldProblem[] }
  | { kind: "conflict"; conflict: EditConflict<K> }
  /** The edit changes the mandatory flag, which only the chair and the secretary set. */
  | { kind: "notPermitted"; field: "mandatory" };

/** The problems the domain finds in an edited initiative (fields and governance). */
export function problemsOf(initiative: Initiative): FieldProblem[] {
  const valid = validateInitiative(initiative);
  return [...(valid.ok ? [] : valid.problems), ...checkGovernance(initiative)];
}

/**
 * Saves the edited initiative with the version in `base` (the version it was read at, with its
 * valid gates). The phase and the priority are never changed by a save (they change only
 * through their recorded changes: `changePhase`, `changeGate`); a changed mandatory flag is
 * the chair's or the secretary's (`notPermitted` for anyone else) and is saved with its record.
 * On a stale version, reads what is stored now and answers with the conflict, writing nothing.
 * Other store errors reject as `StoreError`.
 */
export async function saveInitiative<K extends keyof Initiative>(
  ports: PhaseChangePorts,
  request: { fields: readonly K[]; base: Initiative; mine: Initiative },
): Promise<Result<Initiative, SaveRefusal<K>>> {
  const { repositories } = ports;
  const { base, fields } = request;
  const mine: Initiative = {
    ...request.mine,
    id: base.id,
    version: base.version,
    phase: base.phase,
    priority: base.priority,
    priorityScore: base.priorityScore,
  };
  const problems = problemsOf(mine);
  if (problems.length > 0) return err({ kind: "invalid", problems });
  const mandatoryChanged = mine.mandatory !== base.mandatory;
  if (mandatoryChanged && !maySetGates(await ports.currentUser.me())) {
    return err({ kind: "notPermitted", field: "mandatory" });
  }
  try {
    if (mandatoryChanged) {
      const saved = await saveWithMandatoryRecord(ports, base, mine);
      if (!saved.ok) return err({ kind: "notPermitted", field: "mandatory" });
      return ok(saved.value);
    }
    const version = await repositories.initiatives.update(mine);
    return ok({ ...mine, version });
  } catch (e) {
    if (!isStoreError(e, "Conflict")) throw e;
    const stored = await repositories.initiatives.get(base.id);
    return err({ kind: "conflict", conflict: describeConflict(fields, base, mine, stored) });
  }
}

/**
 * "Behold mine": my values of the form's fields over the version now stored. If yet another
 * save came in between, that is a new conflict, answered the same way.
 */
export function saveMineOver<K extends keyof Initiative>(
  ports: PhaseChangePorts,
  request: { fields: readonly K[]; mine: Initiative; stored: Initiative },
): Promise<Result<Initiative, SaveRefusal<K>>> {
  return saveInitiative(ports, {
    fields: request.fields,
    base: request.stored,
    mine: keepMine(request.fields, request.mine, request.stored),
  });
}

/** The areas an initiative can be moved to (the active ones). */
export function listActiveAreas(repositories: Repositories): Promise<Area[]> {
  return repositories.areas.list({ where: { active: true } });
}

/** The strategy goals an initiative can serve. */
export function listStrategyGoals(repositories: Repositories): Promise<StrategyGoal[]> {
  return repositories.strategyGoals.list();
}

/** The latest decisions (newest first) a phase change may refer to. */
export function listRecentDecisions(repositories: Repositories, limit = 200): Promise<Decision[]> {
  return repositories.decisions.list({
    orderBy: [{ field: "decidedAt", descending: true }],
    limit,
  });
}
