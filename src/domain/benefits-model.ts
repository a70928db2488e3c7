/**
 * The committee's benefits model (gevinstmodel): what every benefit must record and when its
 * follow-up measurements fall due (at go-live, some months after, a year after close). The
 * model is versioned; each version is approved by a committee decision of a meeting, and each
 * benefit says which version it follows.
 *
 * Where it is stored: one Settings item per version, key `benefits.model.v<N>`, its value the
 * version as JSON. Settings is written by the secretariat only (the list's permissions), its
 * keys are unique, so two approvals of the same version cannot both be stored, and an approved
 * version is never rewritten: a change is a new version. A version counts only when it parses,
 * names a decision of a meeting, and was written (author and last editor) by the secretary or a
 * site owner; anything else is an irregularity, not the model.
 */
import type { BenefitDraft } from "./benefits.js";
import type { IsoDateTime, Person, Ref } from "./common.js";
import type { DecisionId, MeetingId } from "./ids.js";
import type { Irregularity } from "./irregularities.js";
import { type Problem, problem } from "./problems.js";
import type { Role, Roster } from "./roles.js";

export const BENEFIT_MODEL_KEY_PREFIX = "benefits.model.v";

/** When a follow-up measurement falls due: months after go-live or after close. */
export interface FollowUp {
  anchor: "goLive" | "close";
  months: number;
}

/** The fields a model may require of a benefit. */
export const MODEL_FIELDS = [
  "indicator",
  "unit",
  "baseline",
  "baselineDate",
  "targetPessimistic",
  "targetExpected",
  "targetOptimistic",
  "targetDate",
  "owner",
  "measurementIntervalMonths",
  "firstMeasurementDate",
] as const satisfies readonly (keyof BenefitDraft)[];
export type ModelField = (typeof MODEL_FIELDS)[number];

export interface BenefitModel {
  version: number;
  requiredFields: readonly ModelField[];
  followUps: readonly FollowUp[];
  /** The committee decision that approved the version, and its meeting. */
  decision: Ref<DecisionId>;
  meeting: Ref<MeetingId>;
  approvedAt: IsoDateTime;
}

/**
 * What applies before the committee has approved a model: measured at go-live, six months
 * after, and twelve months after close; the fields the lifecycle gates ask for.
 */
export const DEFAULT_FOLLOW_UPS: readonly FollowUp[] = [
  { anchor: "goLive", months: 0 },
  { anchor: "goLive", months: 6 },
  { anchor: "close", months: 12 },
];
export const DEFAULT_REQUIRED: readonly ModelField[] = [
  "indicator",
  "baseline",
  "baselineDate",
  "targetExpected",
  "targetDate",
  "owner",
];

export function modelKey(version: number): string {
  return `${BENEFIT_MODEL_KEY_PREFIX}${version}`;
}

export type ModelProblemCode =
  | "benefits.problem.modelNoDecision"
  | "benefits.problem.modelNoFollowUps"
  | "benefits.problem.modelFollowUp"
  | "benefits.problem.modelUnknownField"
  | "benefits.problem.modelVersion";

/** The problems of a model version about to be approved (codes naming the field). */
export function validateModel(m: BenefitModel, latest: number | null): Problem<ModelProblemCode>[] {
  const out: Problem<ModelProblemCode>[] = [];
  if (!Number.isInteger(m.version) || m.version !== (latest ?? 0) + 1) {
    out.push(problem("benefits.problem.modelVersion", { expected: (latest ?? 0) + 1 }, "version"));
  }
  if (!m.decision || !m.meeting) {
    out.push(problem("benefits.problem.modelNoDecision", undefined, "decision"));
  }
  if (m.followUps.length === 0) {
    out.push(problem("benefits.problem.modelNoFollowUps", undefined, "followUps"));
  }
  for (const f of m.followUps) {
    if (
      (f.anchor !== "goLive" && f.anchor !== "close") ||
      !Number.isInteger(f.months) ||
      f.months < 0 ||
      f.months > 120
    ) {
      out.push(problem("benefits.problem.modelFollowUp", { months: f.months }, "followUps"));
    }
  }
  for (const field of m.requiredFields) {
    if (!(MODEL_FIELDS as readonly string[]).includes(field)) {
      out.push(problem("benefits.problem.modelUnknownField", { name: field }, "requiredFields"));
    }
  }
  return out;
}

/** A model version as its Settings value. */
export function serializeModel(m: BenefitModel): string {
  return JSON.stringify(m);
}

/** The model version a Settings value holds, or null when it is not one. */
export function parseModel(value: string): BenefitModel | null {
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch {
    return null;
  }
  if (typeof raw !== "object" || raw === null) return null;
  const r = raw as Partial<BenefitModel>;
  if (
    typeof r.version !== "number" ||
    !Array.isArray(r.requiredFields) ||
    !Array.isArray(r.followUps) ||
    typeof r.decision?.id !== "number" ||
    typeof r.meeting?.id !== "number" ||
    typeof r.approvedAt !== "string"
  ) {
    return null;
  }
  const m = r as BenefitModel;
  return validateModel(m, m.version - 1).length === 0 ? m : null;
}

export type ModelRule = "benefitModel.invalid" | "benefitModel.notPermitted";

interface ModelSetting {
  id: number;
  key: string;
  value: string;
  createdBy: Person | null;
  modifiedBy: Person | null;
}

const MAY_APPROVE: readonly Role[] = ["secretary", "owner"];

/**
 * The approved versions, oldest first, from the Settings items: only those that parse and were
 * written by the secretary or a site owner; the others are irregular.
 */
export function checkModels(
  settings: readonly ModelSetting[],
  roster: Roster,
): { versions: BenefitModel[]; irregular: Irregularity<ModelRule>[] } {
  const versions: BenefitModel[] = [];
  const irregular: Irregularity<ModelRule>[] = [];
  for (const s of settings) {
    if (!s.key.startsWith(BENEFIT_MODEL_KEY_PREFIX)) continue;
    const writers = [s.createdBy, s.modifiedBy];
    const bad = writers.find(
      (p) => !p || !roster.rolesOf(p.id).some((r) => MAY_APPROVE.includes(r)),
    );
    if (bad !== undefined) {
      irregular.push({
        list: "Settings",
        item: s.id,
        rule: "benefitModel.notPermitted",
        by: bad,
        params: { key: s.key },
      });
      continue;
    }
    const m = parseModel(s.value);
    if (!m || modelKey(m.version) !== s.key) {
      irregular.push({
        list: "Settings",
        item: s.id,
        rule: "benefitModel.invalid",
        by: s.modifiedBy ?? s.createdBy,
        params: { key: s.key },
      });
      continue;
    }
    versions.push(m);
  }
  versions.sort((a, b) => a.version - b.version);
  return { versions, irregular };
}

/** The model a benefit follows: its version when approved, else the newest, else null. */
export function modelOf(
  versions: readonly BenefitModel[],
  version: number | null,
): BenefitModel | null {
  if (version !== null) {
    const found = versions.find((v) => v.version === version);
    if (found) return found;
  }
  return versions.at(-1) ?? null;
}

/** The fields the model requires that the benefit lacks. */
export function missingByModel(
  b: Pick<BenefitDraft, ModelField>,
  model: Pick<BenefitModel, "requiredFields"> | null,
): ModelField[] {
  const required = model?.requiredFields ?? DEFAULT_REQUIRED;
  return required.filter((f) => {
    const v = b[f];
    return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
  });
}
