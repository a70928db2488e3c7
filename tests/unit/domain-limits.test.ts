/**
 * The domain keeps its own limits (it imports no IO and not lists-schema); SharePoint enforces
 * the ones in lists-schema. This checks that the two agree, column by column, so the user gets
 * the domain's message before SharePoint would refuse the write: required fields,
 * maximum lengths, number ranges and choice values. The adapters' field maps say which domain
 * property lives in which column. The initiative's field registry is checked whole: every
 * column has an entry, of a kind the column can hold.
 */
import type { FieldSchema } from "../../lists-schema/types.js";
import type { FieldDescriptor, FieldMap } from "../../src/adapters/sharepoint/field-map.js";
import * as maps from "../../src/adapters/sharepoint/maps.js";
import {
  BENEFIT_MEASUREMENT_RULES,
  BENEFIT_RULES,
  STATUS_REPORT_RULES,
} from "../../src/domain/benefits.js";
import type { FieldKind, FieldSpec } from "../../src/domain/fields.js";
import { FUNDING_PROPOSAL_RULES } from "../../src/domain/funding.js";
import { BUDGET_FRAME_CHANGE_RULES } from "../../src/domain/funding-frames.js";
import { INITIATIVE_FIELDS } from "../../src/domain/initiative-fields.js";
import {
  AGENDA_ITEM_RULES,
  DECISION_RULES,
  FOLLOW_UP_ACTION_RULES,
  MEETING_RULES,
} from "../../src/domain/meetings.js";
import {
  AREA_RULES,
  BUDGET_FRAME_RULES,
  BUDGET_LINE_RULES,
  COMMENT_RULES,
  INITIATIVE_RULES,
  PHASE_CHANGE_RULES,
  STRATEGY_GOAL_RULES,
} from "../../src/domain/portfolio.js";
import {
  BALLOT_RULES,
  COMPARISON_RULES,
  CRITERION_RULES,
  ROUND_RULES,
  SCENARIO_RULES,
  WEIGHT_SET_RULES,
} from "../../src/domain/prioritization.js";
import {
  ALLOCATION_RULES,
  RESOURCE_REQUEST_RULES,
  RESOURCE_RULES,
} from "../../src/domain/resources.js";
import {
  ACTION_PLAN_RULES,
  BARRIER_RULES,
  LEARNING_ENTRY_RULES,
  SETTING_RULES,
} from "../../src/domain/strategy.js";
import { type FieldRule, NOTE_MAX, TEXT_MAX } from "../../src/domain/validation.js";
import { RAGS } from "../../src/domain/vocabulary.js";

type AnyMap = FieldMap<Record<string, FieldDescriptor<unknown>>>;

const tables: [object, AnyMap][] = [
  [AREA_RULES, maps.areaMap],
  [STRATEGY_GOAL_RULES, maps.strategyGoalMap],
  [INITIATIVE_RULES, maps.initiativeMap],
  [BUDGET_LINE_RULES, maps.budgetLineMap],
  [BUDGET_FRAME_RULES, maps.budgetFrameMap],
  [BUDGET_FRAME_CHANGE_RULES, maps.budgetFrameChangeMap],
  [PHASE_CHANGE_RULES, maps.phaseChangeMap],
  [COMMENT_RULES, maps.commentMap],
  [CRITERION_RULES, maps.criterionMap],
  [COMPARISON_RULES, maps.comparisonMap],
  [WEIGHT_SET_RULES, maps.weightSetMap],
  [ROUND_RULES, maps.roundMap],
  [BALLOT_RULES, maps.ballotMap],
  [SCENARIO_RULES, maps.scenarioMap],
  [MEETING_RULES, maps.meetingMap],
  [AGENDA_ITEM_RULES, maps.agendaItemMap],
  [DECISION_RULES, maps.decisionMap],
  [FOLLOW_UP_ACTION_RULES, maps.actionMap],
  [RESOURCE_RULES, maps.resourceMap],
  [ALLOCATION_RULES, maps.allocationMap],
  [RESOURCE_REQUEST_RULES, maps.resourceRequestMap],
  [FUNDING_PROPOSAL_RULES, maps.fundingProposalMap],
  [BENEFIT_RULES, maps.benefitMap],
  [BENEFIT_MEASUREMENT_RULES, maps.benefitMeasurementMap],
  [STATUS_REPORT_RULES, maps.statusReportMap],
  [ACTION_PLAN_RULES, maps.actionPlanMap],
  [BARRIER_RULES, maps.barrierMap],
  [LEARNING_ENTRY_RULES, maps.learningLogMap],
  [SETTING_RULES, maps.settingMap],
] as unknown as [object, AnyMap][];

/**
 * Columns the domain checks in its own way rather than with a rule of the same property:
 * JSON columns are always written (never empty), derived columns are computed by the adapter,
 * and a status report's four traffic lights are checked against RAGS as pairs of colour+text.
 */
const checkedOtherwise = new Set([
  "Ballots.Payload",
  "WeightSets.Weights",
  "FundingProposals.FirstYear",
  "FundingProposals.TotalAmount",
  "StatusReports.Scope",
  "StatusReports.Time",
  "StatusReports.Cost",
  "StatusReports.Benefits",
]);

interface Row {
  column: string;
  schema: FieldSchema;
  rule: FieldRule | undefined;
}

const rows: Row[] = tables.flatMap(([rules, map]) =>
  Object.entries(map.props).map(([prop, d]) => ({
    column: `${map.list}.${d.name}`,
    schema: map.fieldOf(prop),
    rule: (rules as Record<string, FieldRule | undefined>)[prop],
  })),
);

const constrained = rows.filter(
  (r) =>
    !checkedOtherwise.has(r.column) &&
    (r.schema.required ||
      r.schema.type === "text" ||
      r.schema.min !== undefined ||
      r.schema.max !== undefined ||
      r.schema.choices !== undefined),
);

describe("the domain's limits agree with lists-schema", () => {
  it.each(constrained.map((r) => [r.column, r] as const))("%s", (_name, { schema, rule }) => {
    expect(rule).toBeDefined();
    expect(Boolean(rule?.required)).toBe(Boolean(schema.required));
    if (schema.type === "text") expect(rule?.maxLength).toBe(schema.maxLength ?? TEXT_MAX);
    if (schema.min !== undefined) expect(rule?.min).toBe(schema.min);
    if (schema.max !== undefined) expect(rule?.max).toBe(schema.max);
    if (schema.choices !== undefined) expect(rule?.oneOf).toEqual(schema.choices);
  });

  it.each(rows.filter((r) => r.rule?.maxLength !== undefined).map((r) => [r.column, r] as const))(
    "%s is limited no further than its column holds",
    (_name, { schema, rule }) => {
      const limit = schema.type === "note" ? NOTE_MAX : (schema.maxLength ?? TEXT_MAX);
      expect(rule?.maxLength).toBe(limit);
    },
  );

  it("checks the status report's traffic lights against the same colours the list offers", () => {
    for (const column of ["Scope", "Time", "Cost", "Benefits"]) {
      const schema = maps.statusReportMap.schema.fields.find((c) => c.name === column);
      expect(schema?.choices).toEqual([...RAGS]);
    }
  });
});

/** The lists-schema column types each registry kind may live in. */
const COLUMN_TYPES: Readonly<Record<FieldKind, readonly string[]>> = {
  text: ["text"],
  note: ["note"],
  choice: ["choice"],
  multichoice: ["multichoice"],
  number: ["number", "currency"],
  integer: ["number", "currency"],
  boolean: ["boolean"],
  date: ["datetime"],
  person: ["person"],
  lookup: ["lookup"],
  multilookup: ["multilookup"],
};

describe("the initiative's field registry agrees with lists-schema", () => {
  const map = maps.initiativeMap as unknown as AnyMap;
  const registry: Readonly<Record<string, FieldSpec>> = INITIATIVE_FIELDS;

  it("has an entry for every column the Initiatives list maps, and no other", () => {
    expect(Object.keys(registry).sort()).toEqual(Object.keys(map.props).sort());
  });

  it.each(Object.entries(registry))("%s", (prop, spec) => {
    const schema = map.fieldOf(prop);
    expect(COLUMN_TYPES[spec.kind]).toContain(schema.type);
    expect(Boolean(spec.required)).toBe(Boolean(schema.required));
    if (schema.type === "text") expect(spec.maxLength).toBe(schema.maxLength ?? TEXT_MAX);
    if (schema.type === "note") expect(spec.maxLength ?? NOTE_MAX).toBe(NOTE_MAX);
    expect(spec.oneOf).toEqual(schema.choices);
    if (schema.min !== undefined) expect(spec.min).toBe(schema.min);
    if (schema.max !== undefined) expect(spec.max).toBe(schema.max);
    expect(spec.label).toBe(`fields.initiative.${prop}`);
  });

  it("is where the initiative's validation rules come from", () => {
    for (const [prop, spec] of Object.entries(registry)) {
      const rule = (INITIATIVE_RULES as Record<string, FieldRule | undefined>)[prop];
      expect(rule).toEqual(
        expect.objectContaining({
          label: spec.label,
          ...(spec.required ? { required: true } : {}),
        }),
      );
    }
  });
});
