/**
 * An irregular ballot, comparison or round as one line of text in the UI language: who wrote it
 * (the author SharePoint recorded, or the last editor for a change), the item and what is
 * wrong, from the rule's code and parameters (`rounds.rules.*`). Times are shown in the
 * committee's time zone, candidates and criteria by their titles when known.
 */
import type { TFunction } from "i18next";

import type { Irregularity } from "../../domain/irregularities.js";
import type { Language } from "../../host/locale.js";
import { formatDate, formatDkk } from "../i18n/format.js";

const TIMES = ["created", "modified", "opened", "closed"] as const;

export interface IrregularityNames {
  /** Candidate (initiative) titles by id. */
  candidates?: ReadonlyMap<number, string>;
  /** Criterion titles by id. */
  criteria?: ReadonlyMap<number, string>;
}

/** The rule's message parameters, formatted for display. */
export function displayParams(
  i: Irregularity,
  language: Language,
  names: IrregularityNames,
): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(i.params ?? {})) out[k] = v === null ? "–" : String(v);
  for (const k of TIMES) {
    const v = i.params?.[k];
    if (typeof v === "string") out[k] = formatDate(v, language, "dateTime");
  }
  const candidate = i.params?.candidate;
  if (typeof candidate === "number") {
    out.candidate = names.candidates?.get(candidate) ?? `#${candidate}`;
  }
  const criterion = Number(i.params?.criterion);
  if (Number.isInteger(criterion) && names.criteria?.has(criterion)) {
    out.criterion = names.criteria.get(criterion)!;
  }
  if (i.rule === "ballot.overBudget") {
    out.total = formatDkk(Number(i.params?.total ?? 0), language);
    out.max = formatDkk(Number(i.params?.max ?? 0), language);
  }
  if (i.rule === "comparison.keyMismatch" && out.claimedName === undefined) {
    out.claimedName = i.params?.claimed === null ? "–" : `#${String(i.params?.claimed)}`;
  }
  return out;
}

/**
 * One line for an irregularity: "Stemmeseddel 12 fra Jonas Lind er afgivet i en andens navn
 * (Maja Holm) og tælles ikke med for nogen." With `mine`, addressed to its author ("Din
 * stemmeseddel …").
 */
export function irregularityText(
  t: TFunction,
  language: Language,
  i: Irregularity,
  names: IrregularityNames = {},
  mine = false,
): string {
  const what = t(`rounds.rules.${i.rule}`, displayParams(i, language, names));
  return t(`rounds.rules.line.${mine ? "mine" : i.list}`, {
    item: i.item,
    by: i.by?.name ?? t("rounds.rules.unknownAuthor"),
    what,
  });
}
