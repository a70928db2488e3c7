/**
 * Budget frames (Budgetrammer) as the secretary keeps them: one amount per budget year and kind
 * (Anlæg, Drift) with a funding source, each change recorded in BudgetFrameChanges with its
 * reason, and the picture per year of frame against what is committed, planned and expected
 * back.
 *
 * History: a change list, not SharePoint's item versions. Version history would keep the values
 * and the editor per version (Get item versions: `GET .../items(id)/versions`,
 * https://learn.microsoft.com/en-us/sharepoint/dev/sp-add-ins/working-with-lists-and-list-items-with-rest),
 * but it depends on the list's versioning settings and version limits
 * (https://learn.microsoft.com/en-us/sharepoint/governance/versioning-content-approval-and-check-out-planning)
 * and has no place for the reason. Each change record's author and time are the server's
 * facts (Author, Created); only records written by the secretary count, anything else is shown
 * as irregular.
 */
import type { Ref, Stored } from "./common.js";
import type { BudgetFrameChangeId, BudgetFrameId, InitiativeId } from "./ids.js";
import type { BudgetFrame, BudgetLine, Initiative } from "./portfolio.js";
import { YEAR_MAX, YEAR_MIN } from "./portfolio.js";
import { type Problem, problem } from "./problems.js";
import { hasRole, type Me, type Roster } from "./roles.js";
import { NOTE_MAX, type Rules, TEXT_MAX, validateWith, type Validation } from "./validation.js";
import { FUNDING_SOURCES, type FundingSource, type Phase } from "./vocabulary.js";

/** The kinds a frame bounds: money spent. Gevinst (expected savings) is not a frame to spend. */
export const FRAME_KINDS = ["Anlæg", "Drift"] as const;
export type FrameKind = (typeof FRAME_KINDS)[number];

// ---------------------------------------------------------------- Who may change frames

/**
 * The secretary keeps the frames (BudgetFrames is written by Sekretariat only, enforced by the
 * list's permissions); the chair and members read them.
 */
export function mayEditFrames(me: Me): boolean {
  return hasRole(me, "secretary");
}

// ---------------------------------------------------------------- Change records

export interface BudgetFrameChangeDraft {
  title: string;
  frame: Ref<BudgetFrameId> | null;
  year: number;
  kind: FrameKind;
  /** The frame's amount after the change (DKK). */
  amount: number;
  source: FundingSource | null;
  reason: string;
}
export type BudgetFrameChange = Stored<BudgetFrameChangeDraft, BudgetFrameChangeId>;

export const BUDGET_FRAME_CHANGE_RULES: Rules<BudgetFrameChangeDraft> = {
  title: { label: "fields.budgetFrame.title", required: true, maxLength: TEXT_MAX },
  year: {
    label: "fields.budgetFrame.year",
    required: true,
    min: YEAR_MIN,
    max: YEAR_MAX,
    integer: true,
  },
  kind: { label: "fields.budgetFrame.kind", required: true, oneOf: FRAME_KINDS },
  amount: { label: "fields.budgetFrame.amount", required: true, min: 0 },
  source: { label: "fields.budgetFrame.source", oneOf: FUNDING_SOURCES },
  reason: { label: "fields.budgetFrame.reason", required: true, maxLength: NOTE_MAX },
};

export function validateBudgetFrameChange(d: BudgetFrameChangeDraft): Validation {
  return validateWith(BUDGET_FRAME_CHANGE_RULES, d);
}

// ---------------------------------------------------------------- Editing a frame

/** What the secretary asks for: the frame of a year and kind set to an amount. */
export interface FrameEdit {
  year: number;
  kind: string;
  /** DKK, as typed (a number, or NaN when not one). */
  amount: number;
  source: string | null;
  reason: string;
}

export const REASON_MAX = 4000;

/**
 * Every problem with an edit, each naming its field: the year must be one of the budget years
 * (the `budgetYears` setting), the kind Anlæg or Drift, the amount a whole, non-negative number
 * of kroner, the source one of the funding sources, the reason said (at most 4000 characters).
 */
export function validateFrameEdit(edit: FrameEdit, budgetYears: readonly number[]): Problem[] {
  const problems: Problem[] = [];
  if (!Number.isInteger(edit.year) || !budgetYears.includes(edit.year)) {
    problems.push(
      problem(
        "funding.problem.yearOutside",
        {
          year: Number.isFinite(edit.year) ? edit.year : null,
          years: budgetYears.join(", "),
        },
        "year",
      ),
    );
  }
  if (!(FRAME_KINDS as readonly string[]).includes(edit.kind)) {
    problems.push(problem("funding.problem.kind", { kind: edit.kind }, "kind"));
  }
  if (!Number.isFinite(edit.amount)) {
    problems.push(problem("funding.problem.amountNotNumber", undefined, "amount"));
  } else if (edit.amount < 0) {
    problems.push(problem("funding.problem.negativeFrame", { amount: edit.amount }, "amount"));
  } else if (!Number.isInteger(edit.amount)) {
    problems.push(problem("funding.problem.wholeKroner", undefined, "amount"));
  }
  if (edit.source !== null && !(FUNDING_SOURCES as readonly string[]).includes(edit.source)) {
    problems.push(problem("funding.problem.source", { source: edit.source }, "source"));
  }
  if (edit.reason.trim() === "") {
    problems.push(problem("funding.problem.needReason", undefined, "reason"));
  } else if (edit.reason.length > REASON_MAX) {
    problems.push(problem("funding.problem.reasonTooLong", { max: REASON_MAX }, "reason"));
  }
  return problems;
}

/**
 * The frame items of a year and kind. A year and kind may have several (one per source); an
 * edit sets the one with the edit's source (or the first), and the others stay.
 */
export function framesOf(
  frames: readonly BudgetFrame[],
  year: number,
  kind: string,
): BudgetFrame[] {
  return frames.filter((f) => f.year === year && f.kind === kind);
}

/** The frame amount of a year and kind: the sum of its items (null items count 0). */
export function frameAmount(frames: readonly BudgetFrame[], year: number, kind: string): number {
  return framesOf(frames, year, kind).reduce((s, f) => s + (f.amount ?? 0), 0);
}

// ---------------------------------------------------------------- History

export interface FrameHistoryEntry {
  change: BudgetFrameChange;
  /** The amount before this change: the previous counted change's, or null (none recorded). */
  before: number | null;
}

/**
 * The counted changes of a year and kind, newest first, each with the amount before it. Only
 * changes written by the secretary count (Author is the server's fact); the others are returned
 * as `uncounted`, for the page to show with who wrote them.
 */
export function frameHistory(
  changes: readonly BudgetFrameChange[],
  roster: Roster,
): { byFrame: Map<string, FrameHistoryEntry[]>; uncounted: BudgetFrameChange[] } {
  const uncounted: BudgetFrameChange[] = [];
  const counted = changes.filter((c) => {
    const by = c.createdBy;
    if (by && roster.rolesOf(by.id).includes("secretary")) return true;
    uncounted.push(c);
    return false;
  });
  const byFrame = new Map<string, FrameHistoryEntry[]>();
  const oldestFirst = [...counted].sort(
    (a, b) => a.created.localeCompare(b.created) || a.id - b.id,
  );
  const last = new Map<string, number>();
  for (const c of oldestFirst) {
    const k = frameKey(c.year, c.kind);
    const list = byFrame.get(k) ?? [];
    list.unshift({ change: c, before: last.get(k) ?? null });
    last.set(k, c.amount);
    byFrame.set(k, list);
  }
  return { byFrame, uncounted };
}

export function frameKey(year: number, kind: string): string {
  return `${year}|${kind}`;
}

// ---------------------------------------------------------------- The picture per year

/** Phases whose money is committed: decided (Prioriteret) and under way. */
export const COMMITTED_PHASES: readonly Phase[] = [
  "Prioriteret",
  "Planlægning",
  "Gennemførelse",
  "I drift",
  "Gevinstopfølgning",
];

/** Per year and kind: the frame against what is committed and planned. */
export interface FrameYearRow {
  year: number;
  kind: FrameKind;
  frame: number;
  /** Budget lines of initiatives decided or under way. */
  committed: number;
  /** Budget lines of candidates chosen in saved scenarios not yet decided. */
  planned: number;
  /** frame − committed − planned (negative: exceeded). */
  left: number;
}

/** Per year: expected benefits (Gevinst lines) of committed and planned initiatives. */
export interface BenefitYear {
  year: number;
  committed: number;
  planned: number;
}

export interface FramePicture {
  rows: FrameYearRow[];
  benefits: BenefitYear[];
}

/**
 * The picture per budget year: for each year and kind the frame, the committed budget lines
 * (initiatives in COMMITTED_PHASES), the planned ones (initiatives chosen in saved scenarios
 * that are not committed and not yet in a committed phase), and per year the expected benefits
 * (Gevinst lines, as savings, shown positive). Years are the budget years, plus any year with a
 * frame.
 */
export function framePicture(input: {
  budgetYears: readonly number[];
  frames: readonly BudgetFrame[];
  lines: readonly BudgetLine[];
  initiatives: readonly Pick<Initiative, "id" | "phase">[];
  /** Initiatives chosen in saved scenarios not yet decided. */
  planned: readonly InitiativeId[];
}): FramePicture {
  const phase = new Map(input.initiatives.map((i) => [i.id, i.phase]));
  const isCommitted = (id: InitiativeId) => COMMITTED_PHASES.includes(phase.get(id) as Phase);
  const planned = new Set(input.planned.filter((id) => phase.has(id) && !isCommitted(id)));
  const years = [
    ...new Set([
      ...input.budgetYears,
      ...input.frames.filter((f) => f.kind !== "Gevinst").map((f) => f.year),
    ]),
  ].sort((a, b) => a - b);
  const sum = (year: number, kind: string, which: (id: InitiativeId) => boolean) =>
    input.lines
      .filter((l) => l.year === year && l.kind === kind && l.initiative && which(l.initiative.id))
      .reduce((s, l) => s + (l.amount ?? 0), 0);
  const rows = years.flatMap((year) =>
    FRAME_KINDS.map((kind) => {
      const frame = frameAmount(input.frames, year, kind);
      const committed = sum(year, kind, isCommitted);
      const plan = sum(year, kind, (id) => planned.has(id));
      return { year, kind, frame, committed, planned: plan, left: frame - committed - plan };
    }),
  );
  const benefits = years.map((year) => ({
    year,
    committed: Math.abs(sum(year, "Gevinst", isCommitted)),
    planned: Math.abs(sum(year, "Gevinst", (id) => planned.has(id))),
  }));
  return { rows, benefits };
}
