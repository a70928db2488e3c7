/**
 * The intake form (Nyt forslag, issue 4 §1): its draft, its validation and the conversion of a
 * valid draft into what is written together (the initiative, its budget lines and its needed
 * competences). A draft can be saved with little filled in; submission asks for what the
 * secretary needs to take the proposal further. Problems are codes (`validation.*`) naming the
 * field by its label code.
 */
import { err, type IsoDateTime, ok, type Person, type Ref, type Result } from "./common.js";
import type { AreaId, Brand, InitiativeId } from "./ids.js";
import {
  type BudgetLineDraft,
  INITIATIVE_RULES,
  type InitiativeDraft,
  YEAR_MAX,
  YEAR_MIN,
} from "./portfolio.js";
import type { Problem } from "./problems.js";
import {
  checkDates,
  type FieldProblem,
  fieldProblem,
  type Rules,
  TEXT_MAX,
  validateWith,
} from "./validation.js";
import {
  BUDGET_KINDS,
  type BudgetKind,
  type Competence,
  COMPETENCES,
  type Source,
  SOURCES,
} from "./vocabulary.js";

/** Money per budget year and kind; savings (Gevinst) are entered as positive amounts. */
export interface IntakeMoney {
  year: number;
  kind: BudgetKind;
  /** Whole Danish kroner; null while not yet filled in. */
  amount: number | null;
}

export interface CompetenceNeed {
  competence: Competence | null;
  hours: number | null;
}

export interface IntakeDraft {
  title: string;
  summary: string;
  need: string;
  solution: string;
  source: Source | null;
  area: Ref<AreaId> | null;
  owner: Person | null;
  /** Mandatory because of law: then the legal deadline is required. */
  mandatory: boolean;
  legalDeadline: IsoDateTime | null;
  expectedBenefits: string;
  money: IntakeMoney[];
  competences: CompetenceNeed[];
  requires: Ref<InitiativeId>[];
  excludes: Ref<InitiativeId>[];
  /** KL/KOMBIT's id of the initiative, when it comes from their lists. */
  externalRef: string;
}

/** `draft`: saving to finish later; `submit`: handing the proposal in. */
export type IntakeMode = "draft" | "submit";

/** An existing initiative as the dependency check sees it. */
export interface DependencyNode {
  id: InitiativeId;
  title: string;
  requires: readonly InitiativeId[];
}

export interface IntakeContext {
  mode: IntakeMode;
  /** The configured budget years (Settings `budget.years`). */
  budgetYears: readonly number[];
  /** The initiative being edited, when the draft is of an existing one. */
  self: InitiativeId | null;
  /** The portfolio's `requires` edges, for the cycle check. */
  portfolio: readonly DependencyNode[];
}

/** Hours one competence can be asked for on one proposal (a full-time year is about 1,650). */
export const COMPETENCE_HOURS_MAX = 100_000;

/** The fields submission requires besides what a saved draft requires (the title). */
const SUBMIT_REQUIRED: readonly (keyof IntakeDraft)[] = [
  "summary",
  "need",
  "source",
  "area",
  "owner",
];

function intakeRules(mode: IntakeMode): Rules<IntakeDraft> {
  const r = INITIATIVE_RULES;
  const base: Rules<IntakeDraft> = {
    title: r.title,
    summary: r.summary,
    need: r.need,
    solution: r.solution ? { ...r.solution, label: "fields.intake.solution" } : undefined,
    source: r.source ? { ...r.source, required: false } : undefined,
    area: r.area ? { ...r.area, required: false } : undefined,
    owner: { label: "fields.intake.owner" },
    expectedBenefits: r.expectedBenefits,
    externalRef: r.externalRef,
  };
  if (mode === "draft") return base;
  const submit: Record<string, unknown> = { ...base };
  for (const field of SUBMIT_REQUIRED) {
    const rule = base[field];
    submit[field] = { ...(rule ?? { label: `fields.intake.${field}` }), required: true };
  }
  return submit;
}

/** The configured budget years from the setting's value, e.g. `"2026,2027,2028,2029"`. */
export function parseBudgetYears(value: string): number[] {
  return value
    .split(/[,;\s]+/)
    .filter((s) => /^\d{4}$/.test(s))
    .map(Number)
    .filter((y) => y >= YEAR_MIN && y <= YEAR_MAX)
    .sort((a, b) => a - b);
}

function checkMoney(d: IntakeDraft, budgetYears: readonly number[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  const years = budgetYears.length > 0 ? `${budgetYears[0]}–${budgetYears.at(-1)}` : "";
  d.money.forEach((m) => {
    const at = { year: m.year, kind: m.kind };
    const money = (code: string, params: Problem["params"] = {}) =>
      problems.push(fieldProblem(`validation.intake.${code}`, "money", { ...at, ...params }));
    if (!budgetYears.includes(m.year)) {
      if (budgetYears.length === 0) money("moneyNoBudgetYears");
      else money("moneyYear", { years });
    }
    if (!BUDGET_KINDS.includes(m.kind)) money("moneyKind", { values: BUDGET_KINDS.join(", ") });
    if (m.amount !== null) {
      if (!Number.isFinite(m.amount) || !Number.isInteger(m.amount)) money("moneyInteger");
      else if (m.amount < 0) money("moneyNegative");
    }
    const key = `${m.year}:${m.kind}`;
    if (seen.has(key)) money("moneyTwice");
    seen.add(key);
  });
  return problems;
}

function checkCompetences(d: IntakeDraft, mode: IntakeMode): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  d.competences.forEach((c, n) => {
    // A competence is named by its value, or by its number in the form while none is chosen.
    const at = { competence: c.competence ?? `${n + 1}` };
    const competence = (code: string, params: Problem["params"] = {}) =>
      problems.push(fieldProblem(`validation.intake.${code}`, "competences", { ...at, ...params }));
    if (c.competence === null) {
      if (mode === "submit") competence("competenceMissing");
    } else if (!COMPETENCES.includes(c.competence)) {
      competence("competenceUnknown");
    } else if (seen.has(c.competence)) {
      competence("competenceTwice");
    }
    if (c.competence) seen.add(c.competence);
    if (c.hours === null) {
      if (mode === "submit") competence("competenceHoursMissing");
    } else if (!Number.isFinite(c.hours) || c.hours <= 0 || c.hours > COMPETENCE_HOURS_MAX) {
      competence("competenceHoursRange", { max: COMPETENCE_HOURS_MAX });
    }
  });
  return problems;
}

/**
 * A chain of `requires` that leads from the draft back to itself, as titles, or null. A new
 * proposal (no `self`) cannot close a ring: nothing requires it yet.
 */
export function findRequiresCycle(
  self: { id: InitiativeId; title: string } | null,
  requires: readonly InitiativeId[],
  portfolio: readonly DependencyNode[],
): string[] | null {
  if (self === null) return null;
  const byId = new Map(portfolio.map((n) => [n.id, n]));
  const title = (id: InitiativeId) =>
    id === self.id ? self.title : (byId.get(id)?.title ?? `#${id}`);
  const visited = new Set<InitiativeId>();
  const walk = (id: InitiativeId, path: InitiativeId[]): InitiativeId[] | null => {
    if (id === self.id) return path;
    if (visited.has(id)) return null;
    visited.add(id);
    for (const next of byId.get(id)?.requires ?? []) {
      const found = walk(next, [...path, next]);
      if (found) return found;
    }
    return null;
  };
  for (const r of requires) {
    const found = walk(r, [self.id, r]);
    if (found) return found.map(title);
  }
  return null;
}

function checkDependencies(d: IntakeDraft, ctx: IntakeContext): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (ctx.self !== null) {
    const self = ctx.self;
    if (d.requires.some((r) => r.id === self)) {
      problems.push(fieldProblem("validation.intake.requiresSelf", "requires"));
    }
    if (d.excludes.some((r) => r.id === self)) {
      problems.push(fieldProblem("validation.intake.excludesSelf", "excludes"));
    }
  }
  const both = d.requires.filter((r) => d.excludes.some((e) => e.id === r.id));
  if (both.length > 0) {
    problems.push(
      fieldProblem("validation.intake.requiredAndExcluded", "excludes", {
        titles: both.map((b) => `»${b.title}«`).join(", "),
      }),
    );
  }
  const self = ctx.self === null ? null : { id: ctx.self, title: d.title || `#${ctx.self}` };
  const cycle = findRequiresCycle(
    self,
    d.requires.map((r) => r.id).filter((id) => id !== ctx.self),
    ctx.portfolio,
  );
  if (cycle) {
    problems.push(
      fieldProblem("validation.intake.requiresCycle", "requires", {
        chain: cycle.map((t) => `»${t}«`).join(" → "),
      }),
    );
  }
  return problems;
}

/** Validates the form for saving (`draft`) or handing in (`submit`). */
export function validateIntake(d: IntakeDraft, ctx: IntakeContext): FieldProblem[] {
  const v = validateWith(intakeRules(ctx.mode), d, (x) => [
    ...(ctx.mode === "submit" && x.mandatory && !x.legalDeadline
      ? [fieldProblem("validation.intake.legalDeadlineWhenMandatory", "legalDeadline")]
      : []),
    ...checkDates(x, { legalDeadline: "fields.initiative.legalDeadline" }),
    ...checkMoney(x, ctx.budgetYears),
    ...checkCompetences(x, ctx.mode),
    ...checkDependencies(x, ctx),
  ]);
  return v.ok ? [] : v.problems;
}

// ---------------------------------------------------------------- conversion

/** What the intake writes together: nothing is written unless all of it can be. */
export interface IntakeWrite {
  initiative: InitiativeDraft;
  /** Without the initiative: the writer sets it once the initiative has its id. */
  budgetLines: (Omit<BudgetLineDraft, "initiative"> & { initiative: null })[];
  competences: { competence: Competence; hours: number }[];
}

/** The needed competences as the Initiatives list shows them (one line each). */
export function formatCompetenceNeeds(
  needs: readonly { competence: Competence; hours: number }[],
): string {
  return needs.map((n) => `${n.competence}: ${n.hours} timer`).join("\n");
}

/** Reads needed competences back from the list's text; lines it does not know are skipped. */
export function parseCompetenceNeeds(text: string): { competence: Competence; hours: number }[] {
  return text.split("\n").flatMap((line) => {
    const m = /^(.+): (\d+(?:[.,]\d+)?) timer$/.exec(line.trim());
    const competence = COMPETENCES.find((c) => c === m?.[1]);
    return m?.[2] && competence ? [{ competence, hours: Number(m[2].replace(",", ".")) }] : [];
  });
}

/**
 * A submitted proposal as the initiative (phase Idé), its budget lines (amounts left empty or
 * zero are not written) and its competences. Always validated as a submission, whatever the
 * context's mode: a saved draft is kept as the draft itself, never as half an initiative.
 */
export function toIntakeWrite(
  d: IntakeDraft,
  ctx: Omit<IntakeContext, "mode">,
): Result<IntakeWrite, FieldProblem[]> {
  const problems = validateIntake(d, { ...ctx, mode: "submit" });
  if (problems.length > 0) return err(problems);
  const source = d.source;
  if (source === null) throw new Error("toIntakeWrite: a valid submission has a source");
  const competences = d.competences.flatMap((c) =>
    c.competence !== null && c.hours !== null ? [{ competence: c.competence, hours: c.hours }] : [],
  );
  return ok({
    initiative: {
      title: d.title.trim(),
      strategyGoal: null,
      summary: d.summary.trim(),
      need: d.need.trim(),
      solution: d.solution.trim(),
      source,
      area: d.area,
      owner: d.owner,
      projectLead: null,
      phase: "Idé",
      governance: null,
      standaloneGroupFrom: null,
      standaloneGroupTo: null,
      mandatory: d.mandatory,
      legalDeadline: d.legalDeadline,
      requires: d.requires,
      excludes: d.excludes,
      externalRef: d.externalRef.trim(),
      resourceNeeds: formatCompetenceNeeds(competences),
      expectedBenefits: d.expectedBenefits.trim(),
      priority: null,
      priorityScore: null,
      latestStatus: null,
    },
    budgetLines: d.money.flatMap((m) =>
      m.amount === null || m.amount === 0
        ? []
        : [
            {
              title: `${m.kind} ${m.year}`,
              initiative: null,
              year: m.year,
              kind: m.kind,
              amount: m.amount,
            },
          ],
    ),
    competences,
  });
}

// ---------------------------------------------------------------- saved drafts

/** A new proposal's empty form; the owner is who proposes it until they choose another. */
export function emptyIntake(owner: Person | null): IntakeDraft {
  return {
    title: "",
    summary: "",
    need: "",
    solution: "",
    source: null,
    area: null,
    owner,
    mandatory: false,
    legalDeadline: null,
    expectedBenefits: "",
    money: [],
    competences: [],
    requires: [],
    excludes: [],
    externalRef: "",
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const text = (v: unknown): string => (typeof v === "string" ? v : "");
const numberOrNull = (v: unknown): number | null =>
  typeof v === "number" && Number.isFinite(v) ? v : null;
function refOf<I extends Brand<number, string>>(v: unknown): Ref<I> | null {
  return isRecord(v) && typeof v.id === "number" && Number.isInteger(v.id) && v.id > 0
    ? { id: v.id as I, title: text(v.title) }
    : null;
}
const refsOf = <I extends Brand<number, string>>(v: unknown): Ref<I>[] =>
  Array.isArray(v) ? v.flatMap((x) => refOf<I>(x) ?? []) : [];
const oneOf = <T extends string>(v: unknown, values: readonly T[]): T | null =>
  values.find((x) => x === v) ?? null;

/**
 * A saved draft's payload (the IntakeDraft as JSON) read back into the form. A payload written
 * by an older version, or edited by hand, gives what can be read: unknown or malformed parts
 * are dropped, never guessed. `null` when the text is not a JSON object at all.
 */
export function readIntakePayload(payload: string): IntakeDraft | null {
  let raw: unknown;
  try {
    raw = JSON.parse(payload);
  } catch {
    return null;
  }
  if (!isRecord(raw)) return null;
  const owner = raw.owner;
  return {
    title: text(raw.title),
    summary: text(raw.summary),
    need: text(raw.need),
    solution: text(raw.solution),
    source: oneOf(raw.source, SOURCES),
    area: refOf<AreaId>(raw.area),
    owner:
      isRecord(owner) && typeof owner.id === "number" && typeof owner.name === "string"
        ? { id: owner.id as Person["id"], name: owner.name, email: text(owner.email) }
        : null,
    mandatory: raw.mandatory === true,
    legalDeadline: typeof raw.legalDeadline === "string" ? raw.legalDeadline : null,
    expectedBenefits: text(raw.expectedBenefits),
    money: Array.isArray(raw.money)
      ? raw.money.flatMap((m) => {
          if (!isRecord(m) || typeof m.year !== "number") return [];
          const kind = oneOf(m.kind, BUDGET_KINDS);
          return kind ? [{ year: m.year, kind, amount: numberOrNull(m.amount) }] : [];
        })
      : [],
    competences: Array.isArray(raw.competences)
      ? raw.competences.flatMap((c) =>
          isRecord(c)
            ? [{ competence: oneOf(c.competence, COMPETENCES), hours: numberOrNull(c.hours) }]
            : [],
        )
      : [],
    requires: refsOf<InitiativeId>(raw.requires),
    excludes: refsOf<InitiativeId>(raw.excludes),
    externalRef: text(raw.externalRef),
  };
}

/** The payload a draft is saved as (read back with `readIntakePayload`). */
export function intakePayload(d: IntakeDraft): string {
  return JSON.stringify(d);
}

/** The name a saved draft is listed under: its working title, or "Uden titel". */
export function draftName(d: IntakeDraft): string {
  return d.title.trim().slice(0, TEXT_MAX) || "Uden titel";
}
