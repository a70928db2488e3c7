/**
 * The initiative page (issue 4 §3, §7): everything about one initiative, read in parallel with
 * filters on the indexed `Initiative` lookup of each related list, and saving edits with the
 * version they were read at. A save that meets someone else's newer version is answered with
 * both versions side by side (`EditConflict`), never by overwriting; "keep mine" is a second,
 * explicit save over the version now stored.
 */
import type { Benefit, StatusReport } from "../domain/benefits.js";
import { err, ok, type Person, type Result } from "../domain/common.js";
import { describeConflict, type EditConflict, keepMine } from "../domain/conflicts.js";
import { isStoreError } from "../domain/errors.js";
import type { InitiativeId, MeetingId } from "../domain/ids.js";
import { checkGovernance } from "../domain/lifecycle.js";
import type { AgendaItem, Decision, Meeting } from "../domain/meetings.js";
import {
  type BudgetLine,
  type Initiative,
  type PhaseChange,
  validateInitiative,
} from "../domain/portfolio.js";
import type { Allocation } from "../domain/resources.js";
import type { FieldProblem } from "../domain/validation.js";
import { BUDGET_KINDS, type BudgetKind } from "../domain/vocabulary.js";
import type { Repositories } from "../ports/repositories.js";

export interface AgendaAppearance {
  item: AgendaItem;
  /** The meeting the point was on; null when it cannot be read. */
  meeting: Meeting | null;
}

export interface InitiativePage {
  initiative: Initiative;
  /** Oldest first. */
  phaseChanges: PhaseChange[];
  /** Newest first. */
  decisions: Decision[];
  /** Newest meeting first. */
  agenda: AgendaAppearance[];
  /** Newest period first. */
  statusReports: StatusReport[];
  budgetLines: BudgetLine[];
  benefits: Benefit[];
  allocations: Allocation[];
}

const time = (iso: string | null | undefined) => (iso ? Date.parse(iso) : 0);

/** Everything the page shows but the comments (they have their own, often refreshed, query). */
export async function loadInitiativePage(
  repositories: Repositories,
  id: InitiativeId,
): Promise<InitiativePage> {
  const where = { where: { initiative: id } };
  const [
    initiative,
    phaseChanges,
    decisions,
    agendaItems,
    statusReports,
    budgetLines,
    benefits,
    allocations,
  ] = await Promise.all([
    repositories.initiatives.get(id),
    repositories.phaseChanges.list(where),
    repositories.decisions.list(where),
    repositories.agendaItems.list(where),
    repositories.statusReports.list(where),
    repositories.budgetLines.list(where),
    repositories.benefits.list(where),
    repositories.allocations.list(where),
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
  return {
    initiative,
    phaseChanges: [...phaseChanges].sort((a, b) => time(a.changedAt) - time(b.changedAt)),
    decisions: [...decisions].sort((a, b) => time(b.decidedAt) - time(a.decidedAt)),
    agenda,
    statusReports: [...statusReports].sort((a, b) => b.period.localeCompare(a.period)),
    budgetLines,
    benefits,
    allocations,
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
  { kind: "invalid"; problems: FieldProblem[] } | { kind: "conflict"; conflict: EditConflict<K> };

/** The problems the domain finds in an edited initiative (fields and governance). */
export function problemsOf(initiative: Initiative): FieldProblem[] {
  const valid = validateInitiative(initiative);
  return [...(valid.ok ? [] : valid.problems), ...checkGovernance(initiative)];
}

/**
 * Saves the edited initiative with the version in `base` (the version it was read at). On a
 * stale version, reads what is stored now and answers with the conflict, writing nothing.
 * Other store errors reject as `StoreError`.
 */
export async function saveInitiative<K extends keyof Initiative>(
  repositories: Repositories,
  request: { fields: readonly K[]; base: Initiative; mine: Initiative },
): Promise<Result<Initiative, SaveRefusal<K>>> {
  const { base, fields } = request;
  const mine = { ...request.mine, id: base.id, version: base.version };
  const problems = problemsOf(mine);
  if (problems.length > 0) return err({ kind: "invalid", problems });
  try {
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
  repositories: Repositories,
  request: { fields: readonly K[]; mine: Initiative; stored: Initiative },
): Promise<Result<Initiative, SaveRefusal<K>>> {
  return saveInitiative(repositories, {
    fields: request.fields,
    base: request.stored,
    mine: keepMine(request.fields, request.mine, request.stored),
  });
}
