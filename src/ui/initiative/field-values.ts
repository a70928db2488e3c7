/**
 * How an initiative's field value reads on the page and in the conflict dialog: people by
 * name, references by title, yes/no, dates in the UI language, "Ikke udfyldt" for nothing.
 * Always plain text: React renders it escaped.
 */
import type { Initiative } from "../../domain/portfolio.js";
import type { Governance, Phase, Source } from "../../domain/vocabulary.js";
import { useVocabulary } from "../components/vocabulary.js";
import { useInitiativeFormat } from "./useInitiative.js";

const DATE_FIELDS: ReadonlySet<string> = new Set([
  "legalDeadline",
  "standaloneGroupFrom",
  "standaloneGroupTo",
]);

function isNamed(v: unknown): v is { name: string } {
  return typeof v === "object" && v !== null && "name" in v && typeof v.name === "string";
}

function isTitled(v: unknown): v is { title: string } {
  return typeof v === "object" && v !== null && "title" in v && typeof v.title === "string";
}

export function useFieldValue() {
  const { t, date, number } = useInitiativeFormat();
  const vocab = useVocabulary();
  return (field: keyof Initiative, value: unknown): string => {
    const empty = t("initiative.empty");
    if (value === null || value === undefined || value === "") return empty;
    if (typeof value === "boolean") return value ? t("initiative.yes") : t("initiative.no");
    if (typeof value === "number") return number(value);
    if (typeof value === "string") {
      if (field === "phase") return vocab.phase(value as Phase);
      if (field === "source") return vocab.source(value as Source);
      if (field === "governance") return vocab.governance(value as Governance);
      return DATE_FIELDS.has(field) ? date(value) : value;
    }
    if (Array.isArray(value)) {
      return value.length === 0
        ? empty
        : value.map((v) => (isTitled(v) ? v.title : isNamed(v) ? v.name : String(v))).join(", ");
    }
    if (isNamed(value)) return value.name;
    if (isTitled(value)) return value.title;
    return empty;
  };
}
