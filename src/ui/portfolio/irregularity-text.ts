/**
 * An irregularity in words: its rule's text (`irregularities.<rule>` in the UI language) with
 * its parameters formatted (dates as dates, yes/no, an empty value as a dash), and who wrote
 * the item. Shared by the initiative page and the list of the portfolio's irregularities.
 */
import type { TFunction } from "i18next";

import type { Irregularity } from "../../domain/irregularities.js";
import type { Language } from "../../host/locale.js";
import { formatDate } from "../i18n/format.js";

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export function irregularityText(t: TFunction, language: Language, i: Irregularity): string {
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(i.params ?? {})) {
    params[k] =
      v === null || v === ""
        ? t("irregularities.none")
        : typeof v === "boolean"
          ? t(v ? "irregularities.yes" : "irregularities.no")
          : typeof v === "string" && ISO.test(v)
            ? formatDate(v, language)
            : v;
  }
  return t(`irregularities.${i.rule}`, params);
}

export function irregularityBy(t: TFunction, i: Irregularity): string {
  return i.by ? t("irregularities.by", { name: i.by.name }) : t("irregularities.byUnknown");
}
