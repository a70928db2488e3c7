/**
 * Stored benefits, measurements and benefits-model settings for the Gevinster tests.
 */
import type {
  Benefit,
  BenefitDraft,
  BenefitMeasurement,
  BenefitMeasurementDraft,
} from "../../src/domain/benefits.js";
import { type BenefitModel, modelKey, serializeModel } from "../../src/domain/benefits-model.js";
import type { Person } from "../../src/domain/common.js";
import type {
  BenefitId,
  BenefitMeasurementId,
  PersonId,
  SettingId,
  Version,
} from "../../src/domain/ids.js";
import type { Setting } from "../../src/domain/strategy.js";
import { aBenefit, aBenefitMeasurement, aPerson, aRef } from "./builders.js";

export const owner: Person = aPerson({
  id: 21 as PersonId,
  name: "Camilla Engberg",
  email: "camilla.engberg@demokommune.onmicrosoft.com",
});
export const secretary: Person = aPerson({
  id: 3 as PersonId,
  name: "Mads Kjær",
  email: "mads.kjaer@demokommune.onmicrosoft.com",
});
export const stranger: Person = aPerson({
  id: 99 as PersonId,
  name: "Thomas Berg",
  email: "thomas.berg@demokommune.onmicrosoft.com",
});

const meta = (id: number, by: Person | null) => ({
  version: "1" as Version,
  created: "2026-01-01T00:00:00Z",
  modified: "2026-01-01T00:00:00Z",
  createdBy: by,
  modifiedBy: by,
  id,
});

/** A benefit that rises from 0 (1 Jan 2026) to 100 (1 Jan 2027), owned by `owner`. */
export function aRisingBenefit(o: Partial<BenefitDraft> & { id?: number } = {}): Benefit {
  const { id = 1, ...rest } = o;
  return {
    ...aBenefit({
      direction: "Højere er bedre",
      baseline: 0,
      baselineDate: "2026-01-01T00:00:00Z",
      targetPessimistic: 60,
      targetExpected: 80,
      targetOptimistic: 100,
      targetDate: "2027-01-01T00:00:00Z",
      owner,
      state: "Under realisering",
      unit: "kr.",
      isCash: true,
      ...rest,
    }),
    ...meta(id, secretary),
    id: id as BenefitId,
  };
}

export function aStoredMeasurement(
  o: Partial<BenefitMeasurementDraft> & { id?: number; by?: Person | null } = {},
): BenefitMeasurement {
  const { id = 1, by = owner, ...rest } = o;
  return {
    ...aBenefitMeasurement({ milestone: "Løbende", ...rest }),
    ...meta(id, by),
    id: id as BenefitMeasurementId,
  };
}

export function aModel(o: Partial<BenefitModel> = {}): BenefitModel {
  return {
    version: 1,
    requiredFields: ["indicator", "baseline", "targetExpected", "owner"],
    followUps: [
      { anchor: "goLive", months: 0 },
      { anchor: "goLive", months: 6 },
      { anchor: "close", months: 12 },
    ],
    decision: aRef(5, "Gevinstmodel godkendt"),
    meeting: aRef(2, "Styregruppemøde marts"),
    approvedAt: "2026-03-10T00:00:00Z",
    ...o,
  };
}

export function aModelSetting(
  m: BenefitModel,
  o: { id?: number; by?: Person | null; key?: string; value?: string } = {},
): Setting {
  return {
    title: `Gevinstmodel v${m.version}`,
    key: o.key ?? modelKey(m.version),
    value: o.value ?? serializeModel(m),
    description: "",
    ...meta(o.id ?? 100 + m.version, o.by === undefined ? secretary : o.by),
    id: (o.id ?? 100 + m.version) as SettingId,
  };
}
