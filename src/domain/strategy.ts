/**
 * Long-term strategy and learning (DESIGN.md §2.11–2.12): action plans per area, barriers to
 * digitalization, the log of conferences and networks, and settings held in a list.
 */
import type { IsoDateTime, Person, Ref, Stored } from "./common.js";
import type {
  ActionPlanId,
  AreaId,
  BarrierId,
  InitiativeId,
  LearningEntryId,
  SettingId,
  StrategyGoalId,
} from "./ids.js";
import {
  checkDates,
  fieldProblem,
  NOTE_MAX,
  type Rules,
  TEXT_MAX,
  validateWith,
  type Validation,
} from "./validation.js";
import {
  ACTION_PLAN_STATES,
  type ActionPlanState,
  BARRIER_KINDS,
  BARRIER_STATES,
  type BarrierKind,
  type BarrierState,
  LEARNING_KINDS,
  type LearningKind,
} from "./vocabulary.js";

export interface ActionPlanDraft {
  title: string;
  area: Ref<AreaId> | null;
  goal: Ref<StrategyGoalId> | null;
  initiatives: Ref<InitiativeId>[];
  period: string;
  state: ActionPlanState;
  /** Who answers for the plan (Ansvarlig). */
  responsible: Person | null;
  description: string;
}
export type ActionPlan = Stored<ActionPlanDraft, ActionPlanId>;

export const ACTION_PLAN_RULES: Rules<ActionPlanDraft> = {
  title: { label: "fields.actionPlan.title", required: true, maxLength: TEXT_MAX },
  area: { label: "fields.actionPlan.area", required: true },
  period: { label: "fields.actionPlan.period", maxLength: 50 },
  state: { label: "fields.actionPlan.state", required: true, oneOf: ACTION_PLAN_STATES },
  description: { label: "fields.actionPlan.description", maxLength: NOTE_MAX },
};

export function validateActionPlan(d: ActionPlanDraft): Validation {
  return validateWith(ACTION_PLAN_RULES, d);
}

export interface BarrierDraft {
  title: string;
  kind: BarrierKind;
  description: string;
  owner: Person | null;
  state: BarrierState;
  blocks: Ref<InitiativeId>[];
}
export type Barrier = Stored<BarrierDraft, BarrierId>;

export const BARRIER_RULES: Rules<BarrierDraft> = {
  title: { label: "fields.barrier.title", required: true, maxLength: TEXT_MAX },
  kind: { label: "fields.barrier.kind", required: true, oneOf: BARRIER_KINDS },
  description: { label: "fields.barrier.description", maxLength: NOTE_MAX },
  state: { label: "fields.barrier.state", required: true, oneOf: BARRIER_STATES },
};

/** A barrier being handled has someone handling it. */
export function validateBarrier(d: BarrierDraft): Validation {
  return validateWith(BARRIER_RULES, d, (x) =>
    x.state === "Under håndtering" && x.owner === null
      ? [fieldProblem("validation.barrier.ownerWhenHandled", "owner")]
      : [],
  );
}

export interface LearningEntryDraft {
  /** The event attended. */
  title: string;
  kind: LearningKind;
  eventDate: IsoDateTime;
  attendees: Person[];
  learnings: string;
  link: string;
}
export type LearningEntry = Stored<LearningEntryDraft, LearningEntryId>;

export const LEARNING_ENTRY_RULES: Rules<LearningEntryDraft> = {
  title: { label: "fields.learningEntry.title", required: true, maxLength: TEXT_MAX },
  kind: { label: "fields.learningEntry.kind", required: true, oneOf: LEARNING_KINDS },
  eventDate: { label: "fields.learningEntry.eventDate", required: true },
  learnings: { label: "fields.learningEntry.learnings", maxLength: NOTE_MAX },
  link: { label: "fields.learningEntry.link", maxLength: NOTE_MAX },
};

export function validateLearningEntry(d: LearningEntryDraft): Validation {
  return validateWith(LEARNING_ENTRY_RULES, d, (x) => {
    const problems = checkDates(x, { eventDate: "fields.learningEntry.eventDate" });
    if (x.link && !/^https:\/\/\S+$/i.test(x.link)) {
      problems.push(fieldProblem("validation.learningEntry.https", "link"));
    }
    return problems;
  });
}

/** Configuration held in a list (Settings / Indstillinger), one key per item. */
export interface SettingDraft {
  title: string;
  key: string;
  value: string;
  description: string;
}
export type Setting = Stored<SettingDraft, SettingId>;

/** The keys the app knows (DESIGN.md §4, Settings). */
export const SETTING_KEYS = {
  /** The committee's own team (its Microsoft 365 group is the members group) and channel. */
  committeeTeamId: "committee.teamId",
  committeeChannelId: "committee.channelId",
  chefforumTeamId: "chefforum.teamId",
  chefforumChannelId: "chefforum.channelId",
  direktoerforumAddress: "direktoerforum.address",
  minMeetingsPerYear: "meetings.minPerYear",
  budgetYears: "budget.years",
  /**
   * Managed vocabularies' import synonyms, each a JSON object of value → words other files use
   * for it (parsed by `parseSynonyms` in import.ts).
   */
  sourceSynonyms: "vocabulary.sources.synonyms",
  competenceSynonyms: "vocabulary.competences.synonyms",
  /** What earlier import files' source and area values were mapped to (JSON, `ValueMap`). */
  importValueMap: "import.valueMap",
  /** Projects whose total cost is at least this many kroner are oriented to Chefforum. */
  largerProjectThreshold: "chefforum.largerProjectThreshold",
} as const;

export const SETTING_RULES: Rules<SettingDraft> = {
  title: { label: "fields.setting.title", required: true, maxLength: TEXT_MAX },
  key: { label: "fields.setting.key", required: true, maxLength: 100 },
  value: { label: "fields.setting.value", maxLength: NOTE_MAX },
  description: { label: "fields.setting.description", maxLength: NOTE_MAX },
};

export function validateSetting(d: SettingDraft): Validation {
  return validateWith(SETTING_RULES, d, (x) =>
    /^[a-z][a-zA-Z0-9.]*$/.test(x.key) || x.key === ""
      ? []
      : [fieldProblem("validation.setting.key", "key")],
  );
}
