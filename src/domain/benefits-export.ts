/**
 * The register and the measurements as export columns (headings in both languages), for the
 * workbook the files adapter writes. Pure.
 */
import { type Benefit, benefitClass, type BenefitMeasurement } from "./benefits.js";
import type { ExportCellKind, ExportColumn, ExportValue } from "./export-columns.js";

export interface RegisterExportRow {
  benefit: Benefit;
  modelVersion: number | null;
}

export interface MeasurementExportRow {
  benefit: Benefit;
  measurement: BenefitMeasurement;
}

const CLASS_TITLES = {
  cash: { da: "Økonomisk, kontant", en: "Economic, cash" },
  nonCash: { da: "Økonomisk, ikke-kontant", en: "Economic, non-cash" },
  qualitative: { da: "Kvalitativ", en: "Qualitative" },
} as const;

function col<R>(
  key: string,
  da: string,
  en: string,
  kind: ExportCellKind,
  value: (row: R) => ExportValue,
): ExportColumn<R> {
  return { key, title: { da, en }, kind, value };
}

/** The register's columns; the kind is written in Danish (data, as in the list). */
export const REGISTER_EXPORT: readonly ExportColumn<RegisterExportRow>[] = [
  col("initiative", "Tiltag", "Initiative", "text", (r) => r.benefit.initiative?.title),
  col("title", "Gevinst", "Benefit", "text", (r) => r.benefit.title),
  col("class", "Gevinsttype", "Kind", "text", (r) => CLASS_TITLES[benefitClass(r.benefit)].da),
  col("disbenefit", "Ulempe", "Dis-benefit", "yesNo", (r) => r.benefit.isDisbenefit),
  col("indicator", "Indikator", "Indicator", "text", (r) => r.benefit.indicator),
  col("unit", "Enhed", "Unit", "text", (r) => r.benefit.unit),
  col("direction", "Retning", "Direction", "text", (r) => r.benefit.direction),
  col("baseline", "Baseline", "Baseline", "decimal", (r) => r.benefit.baseline),
  col("baselineDate", "Baseline målt", "Baseline date", "date", (r) => r.benefit.baselineDate),
  col(
    "pessimistic",
    "Mål (pessimistisk)",
    "Target (pessimistic)",
    "decimal",
    (r) => r.benefit.targetPessimistic,
  ),
  col(
    "expected",
    "Mål (forventet)",
    "Target (expected)",
    "decimal",
    (r) => r.benefit.targetExpected,
  ),
  col(
    "optimistic",
    "Mål (optimistisk)",
    "Target (optimistic)",
    "decimal",
    (r) => r.benefit.targetOptimistic,
  ),
  col("targetDate", "Måldato", "Target date", "date", (r) => r.benefit.targetDate),
  col("owner", "Gevinstejer", "Benefit owner", "text", (r) => r.benefit.owner?.name),
  col(
    "interval",
    "Måleinterval (måneder)",
    "Interval (months)",
    "integer",
    (r) => r.benefit.measurementIntervalMonths,
  ),
  col("first", "Første måling", "First measurement", "date", (r) => r.benefit.firstMeasurementDate),
  col("state", "Status", "State", "text", (r) => r.benefit.state),
  col(
    "model",
    "Gevinstmodel (version)",
    "Benefits model (version)",
    "integer",
    (r) => r.modelVersion,
  ),
];

export const MEASUREMENT_EXPORT: readonly ExportColumn<MeasurementExportRow>[] = [
  col("initiative", "Tiltag", "Initiative", "text", (r) => r.benefit.initiative?.title),
  col("benefit", "Gevinst", "Benefit", "text", (r) => r.benefit.title),
  col("indicator", "Indikator", "Indicator", "text", (r) => r.benefit.indicator),
  col("unit", "Enhed", "Unit", "text", (r) => r.benefit.unit),
  col("measuredAt", "Målt", "Measured", "date", (r) => r.measurement.measuredAt),
  col("value", "Værdi", "Value", "decimal", (r) => r.measurement.value),
  col("milestone", "Målepunkt", "Milestone", "text", (r) => r.measurement.milestone),
  col("comment", "Kommentar", "Comment", "text", (r) => r.measurement.comment),
  col("by", "Registreret af", "Recorded by", "text", (r) => r.measurement.createdBy?.name),
];
