/**
 * Import of many initiatives at once (issue 4 §6), e.g. the lists KL/KOMBIT publish. The
 * adapter parses CSV or Excel into a table of string cells; this module maps the columns,
 * parses and validates each row (problems are codes naming the row and the column), previews what
 * will be created, updated or skipped, and splits the work into batches that never split a row.
 *
 * Row numbers are the spreadsheet's: the header is row 1, the first data row is row 2.
 */
import { type IsoDateTime, type Person, type Ref } from "./common.js";
import { type KeysWith, keysWith } from "./fields.js";
import type { AreaId, BudgetLineId, InitiativeId, Version } from "./ids.js";
import { INITIATIVE_FIELDS, type InitiativeFields } from "./initiative-fields.js";
import { type BudgetLineDraft, type InitiativeDraft, validateInitiative } from "./portfolio.js";
import type { Problem, ProblemParam } from "./problems.js";
import { type FieldProblem, fieldProblem } from "./validation.js";
import { type BudgetKind, type Source, SOURCES } from "./vocabulary.js";

export interface ImportTable {
  headers: string[];
  rows: string[][];
}

/** The initiative fields a column can fill: those with import aliases in the registry. */
export type ImportField = KeysWith<InitiativeFields, "importAliases">;
export const IMPORT_FIELDS: readonly ImportField[] = keysWith(INITIATIVE_FIELDS, "importAliases");

/** What a column fills: an initiative field, or the amount of one budget year and kind. */
export type ImportTarget =
  { field: ImportField } | { field: "budget"; kind: BudgetKind; year: number };

/** One target (or null: ignored) per column, in column order. */
export type ColumnMapping = (ImportTarget | null)[];

export const FIELD_LABELS: Readonly<Record<ImportField, string>> = {
  title: "Titel",
  summary: "Resumé",
  need: "Behov",
  solution: "Løsning",
  source: "Kilde",
  area: "Område",
  owner: "Ejer",
  mandatory: "Lovpligtig",
  legalDeadline: "Lovkravsfrist",
  externalRef: "Ekstern reference",
  expectedBenefits: "Forventede gevinster",
  resourceNeeds: "Ressourcebehov",
};

/** A target as a problem's parameter: a field's label code, or a budget column's own name. */
export function targetParam(t: ImportTarget): ProblemParam {
  return t.field === "budget" ? `${t.kind} ${t.year}` : { code: `fields.initiative.${t.field}` };
}

export function targetLabel(t: ImportTarget): string {
  return t.field === "budget" ? `${t.kind} ${t.year}` : FIELD_LABELS[t.field];
}

// ---------------------------------------------------------------- mapping

/** Lowercase, Danish letters folded, punctuation to spaces: "Løsnings-forslag" → "losnings forslag". */
export function normalizeHeader(h: string): string {
  return h
    .toLowerCase()
    .replace(/æ/g, "ae")
    .replace(/ø/g, "o")
    .replace(/å/g, "aa")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** Danish and English names a header may have, already normalized (the registry's aliases). */
const SYNONYMS = Object.fromEntries(
  IMPORT_FIELDS.map((f) => [f, INITIATIVE_FIELDS[f].importAliases]),
) as unknown as Readonly<Record<ImportField, readonly string[]>>;

const KIND_WORDS: readonly [BudgetKind, readonly string[]][] = [
  ["Anlæg", ["anlaeg", "anlaegsudgift", "investering", "engangsudgift", "capex", "one off"]],
  ["Drift", ["drift", "driftsudgift", "lobende udgift", "opex", "running cost", "running"]],
  ["Gevinst", ["gevinst", "besparelse", "effektivisering", "saving", "savings", "benefit"]],
];

/** A budget column's kind and year from a header such as "Anlæg 2026" or "2027 savings". */
export function budgetTargetOf(header: string): { kind: BudgetKind; year: number } | null {
  const h = normalizeHeader(header);
  const year = /(?:^|\s)(\d{4})(?:\s|$)/.exec(h)?.[1];
  if (!year) return null;
  const words = h
    .replace(year, " ")
    .replace(/\s+/g, " ")
    .replace(/\b(kr|dkk|i|in)\b/g, "")
    .trim();
  const kind = KIND_WORDS.find(([, names]) => names.includes(words))?.[0];
  return kind ? { kind, year: Number(year) } : null;
}

/**
 * Suggests a target per column from its header; each target is given to the first column that
 * matches it. The user may override any of it before the rows are parsed.
 */
export function suggestMapping(headers: readonly string[]): ColumnMapping {
  const taken = new Set<string>();
  return headers.map((header) => {
    const h = normalizeHeader(header);
    const budget = budgetTargetOf(header);
    const target: ImportTarget | null = budget
      ? { field: "budget", ...budget }
      : (() => {
          const field = IMPORT_FIELDS.find((f) => SYNONYMS[f].includes(h));
          return field ? { field } : null;
        })();
    if (target === null) return null;
    const key = targetKey(target);
    if (taken.has(key)) return null;
    taken.add(key);
    return target;
  });
}

function targetKey(t: ImportTarget): string {
  return t.field === "budget" ? `budget:${t.kind}:${t.year}` : t.field;
}

/** What is wrong with a mapping: the title unmapped, a target used twice, a year not budgeted. */
export function validateMapping(
  mapping: ColumnMapping,
  headers: readonly string[],
  budgetYears: readonly number[],
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!mapping.some((t) => t?.field === "title")) {
    problems.push(fieldProblem("validation.import.titleUnmapped", "mapping"));
  }
  const seen = new Map<string, number>();
  mapping.forEach((t, col) => {
    if (t === null) return;
    const key = targetKey(t);
    const first = seen.get(key);
    const name = headers[col] ?? `${col + 1}`;
    if (first !== undefined) {
      problems.push(
        fieldProblem("validation.import.targetTwice", "mapping", {
          target: targetParam(t),
          first: headers[first] ?? `${first + 1}`,
          second: name,
        }),
      );
    } else {
      seen.set(key, col);
    }
    if (t.field === "budget" && !budgetYears.includes(t.year)) {
      problems.push(
        fieldProblem("validation.import.yearNotBudgeted", "mapping", {
          column: name,
          year: t.year,
          years: budgetYears.join(", "),
        }),
      );
    }
  });
  return problems;
}

// ---------------------------------------------------------------- cell parsing

/**
 * A number as Danish or English spreadsheets write it: "1.234.567,50", "1234567,5",
 * "1234567.5", "1,234,567.50", "kr. 12.500", "−300". A single dot followed by exactly three
 * digits ("1.234") is read as a Danish thousands separator, the common case in these lists.
 * Null when the text is not a number.
 */
export function parseNumber(text: string): number | null {
  let s = text
    .replace(/[\s\u00a0\u202f]/g, "")
    .replace(/^(kr\.?|dkk)/i, "")
    .replace(/(kr\.?|dkk|,-)$/i, "")
    .replace(/^\u2212/, "-");
  if (s === "") return null;
  const neg = s.startsWith("-");
  if (neg || s.startsWith("+")) s = s.slice(1);
  const lastDot = s.lastIndexOf(".");
  const lastComma = s.lastIndexOf(",");
  let intPart: string;
  let frac = "";
  if (lastDot >= 0 && lastComma >= 0) {
    const dec = lastDot > lastComma ? "." : ",";
    const thousands = dec === "." ? "," : ".";
    const at = s.lastIndexOf(dec);
    intPart = s.slice(0, at);
    frac = s.slice(at + 1);
    if (!new RegExp(`^\\d{1,3}(\\${thousands}\\d{3})*$`).test(intPart)) return null;
    intPart = intPart.split(thousands).join("");
  } else {
    const sep = lastDot >= 0 ? "." : lastComma >= 0 ? "," : null;
    const parts = sep ? s.split(sep) : [s];
    const single = parts.length === 2;
    const asThousands =
      sep !== null &&
      (!single || (sep === "." && /^\d{1,3}$/.test(parts[0] ?? "") && parts[1]?.length === 3));
    if (asThousands) {
      if (!/^\d{1,3}$/.test(parts[0] ?? "") || parts.slice(1).some((p) => !/^\d{3}$/.test(p))) {
        return null;
      }
      intPart = parts.join("");
    } else if (single) {
      intPart = parts[0] ?? "";
      frac = parts[1] ?? "";
    } else {
      intPart = s;
    }
  }
  if (!/^\d+$/.test(intPart) || !/^\d*$/.test(frac)) return null;
  const n = Number(frac ? `${intPart}.${frac}` : intPart);
  return neg ? -n : n;
}

/**
 * A date as dd-mm-yyyy (also with . or /), yyyy-mm-dd or an ISO date-time, as the UTC
 * date-time at the start of that day; null when not a real calendar date.
 */
export function parseDate(text: string): IsoDateTime | null {
  const s = text.trim();
  let y: number;
  let m: number;
  let d: number;
  const dk = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$/.exec(s);
  const iso =
    /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(
      s,
    );
  if (dk) [d, m, y] = [Number(dk[1]), Number(dk[2]), Number(dk[3])];
  else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return null;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}T00:00:00Z`;
}

/** Yes/no in Danish or English; empty is no; null when it is neither. */
export function parseYesNo(text: string): boolean | null {
  const s = text.trim().toLowerCase();
  if (["", "nej", "no", "n", "false", "falsk", "0", "-"].includes(s)) return false;
  if (["ja", "yes", "j", "y", "true", "sand", "1", "x"].includes(s)) return true;
  return null;
}

/**
 * The words other lists use for the charter's kinds of source ("De nye digitaliseringstiltag
 * kommer løbende fra KL/KOMBIT, Staten og andre offentlige myndigheder, ... teknologier modnes,
 * fagområder får nye muligheder, lovgivningen stiller nye krav, borgerne har nye forventninger og
 * Lederforum får nye idéer"). Normalized as headers are. The Sources vocabulary's synonyms in
 * Settings (`SETTING_KEYS.sourceSynonyms`) add to these.
 */
export const SOURCE_SYNONYMS: Readonly<Record<Source, readonly string[]>> = {
  "KL/KOMBIT": ["kl", "kombit", "kl kombit", "kommunernes landsforening", "faelleskommunal"],
  Staten: ["stat", "staten", "digitaliseringsstyrelsen", "ministerium", "statslig"],
  "Anden offentlig myndighed": [
    "anden myndighed",
    "andre offentlige myndigheder",
    "offentlig myndighed",
    "region",
    "regionen",
  ],
  "Nye lovkrav": ["lovkrav", "lovgivning", "ny lovgivning", "lov", "lovaendring"],
  "Modnet teknologi": ["teknologi", "ny teknologi", "teknologisk mulighed", "technology"],
  "Fagområdets behov": [
    "internt behov",
    "fagomraade",
    "fagligt behov",
    "eget behov",
    "forvaltningens behov",
  ],
  "Borgernes forventninger": [
    "borgerforventning",
    "borgerforventninger",
    "borgere",
    "borgerne",
    "borgerbehov",
  ],
  Lederforum: ["ledere", "lederforum ide", "ledelsen", "chefforum"],
};

/** A vocabulary's import synonyms: value → the other words files use for it. */
export type Synonyms = Readonly<Record<string, readonly string[]>>;

/**
 * Synonyms as Settings hold them (a JSON object of value → words); anything that is not such an
 * object, or a value outside `values`, is left out, so a hand-edited setting cannot break an
 * import.
 */
export function parseSynonyms(json: string, values: readonly string[]): Synonyms {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return {};
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return {};
  const out: Record<string, string[]> = {};
  for (const [value, words] of Object.entries(raw as Record<string, unknown>)) {
    if (!values.includes(value) || !Array.isArray(words)) continue;
    out[value] = words.filter((w): w is string => typeof w === "string" && w.trim() !== "");
  }
  return out;
}

export function serializeSynonyms(synonyms: Synonyms): string {
  return JSON.stringify(synonyms);
}

/** The built-in synonyms plus the configured ones, normalized. */
export function mergeSynonyms(base: Synonyms, extra: Synonyms): Synonyms {
  const out: Record<string, string[]> = {};
  for (const [value, words] of [...Object.entries(base), ...Object.entries(extra)]) {
    out[value] = [...new Set([...(out[value] ?? []), ...words.map(normalizeHeader)])];
  }
  return out;
}

export function parseSource(text: string, synonyms: Synonyms = SOURCE_SYNONYMS): Source | null {
  const h = normalizeHeader(text);
  return (
    SOURCES.find((s) => normalizeHeader(s) === h) ??
    SOURCES.find((s) => (synonyms[s] ?? []).some((w) => normalizeHeader(w) === h)) ??
    null
  );
}

// ---------------------------------------------------------------- values

/** The columns whose cells must be one of known values: a choice (source) or a lookup (area). */
export const VALUE_FIELDS = ["source", "area"] as const;
export type ValueField = (typeof VALUE_FIELDS)[number];

/**
 * What the file's values mean, chosen in the wizard and remembered in Settings
 * (`SETTING_KEYS.importValueMap`): per field, the normalized cell → a source, or an area's id.
 */
export interface ValueMap {
  source?: Readonly<Record<string, Source>>;
  area?: Readonly<Record<string, AreaId>>;
}

/** Why a value is suggested: it is the value, it was chosen before, a synonym, or similar. */
export type SuggestionReason = "exact" | "remembered" | "synonym" | "similar";

export interface ValueQuestion {
  field: ValueField;
  /** The cell as the file has it (the first spelling met). */
  raw: string;
  /** Its normalized form (the key of a `ValueMap`). */
  key: string;
  /** The rows (spreadsheet numbers) with this value. */
  rows: number[];
  /** A source, or an area's id as text; null when nothing fits. */
  suggestion: string | null;
  reason: SuggestionReason | null;
}

/** Similarity of two normalized texts, 0..1: the Dice coefficient of their letter pairs. */
export function similarity(a: string, b: string): number {
  const pairs = (s: string) => {
    const t = s.replace(/\s+/g, "");
    const out: string[] = [];
    for (let i = 0; i < t.length - 1; i += 1) out.push(t.slice(i, i + 2));
    return out;
  };
  const pa = pairs(a);
  const pb = pairs(b);
  if (pa.length === 0 || pb.length === 0) return a === b ? 1 : 0;
  const left = new Map<string, number>();
  for (const p of pa) left.set(p, (left.get(p) ?? 0) + 1);
  let common = 0;
  for (const p of pb) {
    const n = left.get(p) ?? 0;
    if (n > 0) {
      common += 1;
      left.set(p, n - 1);
    }
  }
  return (2 * common) / (pa.length + pb.length);
}

/** A similar value is suggested only at or above this similarity. */
export const SIMILAR_AT = 0.6;

export interface ValueBasis {
  areas: readonly ImportArea[];
  /** Source synonyms (built-in plus configured). */
  synonyms: Synonyms;
  /** What earlier files' values were mapped to. */
  remembered: ValueMap;
}

function suggestOne(
  field: ValueField,
  key: string,
  basis: ValueBasis,
): { suggestion: string | null; reason: SuggestionReason | null } {
  const candidates: { value: string; names: string[]; words: string[] }[] =
    field === "source"
      ? SOURCES.map((s) => ({
          value: s,
          names: [normalizeHeader(s)],
          words: (basis.synonyms[s] ?? []).map(normalizeHeader),
        }))
      : basis.areas.map((a) => ({
          value: String(a.id),
          names: [normalizeHeader(a.title), normalizeHeader(a.abbreviation)],
          words: [],
        }));
  const exact = candidates.find((c) => c.names.includes(key));
  if (exact) return { suggestion: exact.value, reason: "exact" };
  const remembered =
    field === "source" ? basis.remembered.source?.[key] : basis.remembered.area?.[key];
  if (remembered !== undefined && candidates.some((c) => c.value === String(remembered))) {
    return { suggestion: String(remembered), reason: "remembered" };
  }
  const synonym = candidates.find((c) => c.words.includes(key));
  if (synonym) return { suggestion: synonym.value, reason: "synonym" };
  let best: { value: string; score: number } | null = null;
  for (const c of candidates) {
    for (const n of [...c.names, ...c.words]) {
      const score = similarity(key, n);
      if (score >= SIMILAR_AT && (best === null || score > best.score))
        best = { value: c.value, score };
    }
  }
  return best ? { suggestion: best.value, reason: "similar" } : { suggestion: null, reason: null };
}

/**
 * The values of the file's source and area columns that are not the known values' own names,
 * with a suggestion each (remembered, synonym or similar). Values that name a known value are
 * left out: they need no question.
 */
export function valueQuestions(
  table: ImportTable,
  mapping: ColumnMapping,
  basis: ValueBasis,
): ValueQuestion[] {
  const out: ValueQuestion[] = [];
  for (const field of VALUE_FIELDS) {
    const col = mapping.findIndex((t) => t?.field === field);
    if (col < 0) continue;
    const byKey = new Map<string, ValueQuestion>();
    table.rows.forEach((cells, index) => {
      const raw = (cells[col] ?? "").trim();
      if (raw === "") return;
      const key = normalizeHeader(raw);
      const known = byKey.get(key);
      if (known) {
        known.rows.push(index + 2);
        return;
      }
      byKey.set(key, { field, raw, key, rows: [index + 2], ...suggestOne(field, key, basis) });
    });
    out.push(...[...byKey.values()].filter((q) => q.reason !== "exact"));
  }
  return out;
}

/** The choices of the wizard's value step as a map (a question left unanswered is left out). */
export function valueMapOf(
  answers: readonly { field: ValueField; key: string; value: string | null }[],
): ValueMap {
  const source: Record<string, Source> = {};
  const area: Record<string, AreaId> = {};
  for (const a of answers) {
    if (a.value === null) continue;
    if (a.field === "source") {
      const s = SOURCES.find((x) => x === a.value);
      if (s) source[a.key] = s;
    } else if (/^\d+$/.test(a.value)) {
      area[a.key] = Number(a.value) as AreaId;
    }
  }
  return { source, area };
}

/** What to remember for the next file: the earlier map with this file's choices over it. */
export function rememberValues(earlier: ValueMap, chosen: ValueMap): ValueMap {
  return {
    source: { ...earlier.source, ...chosen.source },
    area: { ...earlier.area, ...chosen.area },
  };
}

/** A remembered map as Settings hold it (JSON); anything unreadable is an empty map. */
export function parseValueMap(json: string): ValueMap {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return {};
  }
  if (typeof raw !== "object" || raw === null) return {};
  const r = raw as { source?: unknown; area?: unknown };
  const source: Record<string, Source> = {};
  const area: Record<string, AreaId> = {};
  if (typeof r.source === "object" && r.source !== null) {
    for (const [k, v] of Object.entries(r.source as Record<string, unknown>)) {
      const s = SOURCES.find((x) => x === v);
      if (s) source[k] = s;
    }
  }
  if (typeof r.area === "object" && r.area !== null) {
    for (const [k, v] of Object.entries(r.area as Record<string, unknown>)) {
      if (typeof v === "number" && Number.isInteger(v) && v > 0) area[k] = v as AreaId;
    }
  }
  return { source, area };
}

export function serializeValueMap(map: ValueMap): string {
  return JSON.stringify({ source: map.source ?? {}, area: map.area ?? {} });
}

// ---------------------------------------------------------------- unmapped columns

/**
 * Where an ignored column's content could go: a field it may be mapped to, or a place in the
 * app to enter it after the import. Keyed by words of the normalized header.
 */
const UNMAPPED_HINTS: readonly [readonly string[], Problem][] = [
  [
    [
      "kompetence",
      "kompetencer",
      "ressource",
      "ressourcer",
      "ressourcebehov",
      "competence",
      "skills",
      "resources",
    ],
    {
      code: "import.unmapped.into",
      params: { target: { code: "fields.initiative.resourceNeeds" } },
    },
  ],
  [
    [
      "kommentar",
      "kommentarer",
      "note",
      "noter",
      "bemaerkning",
      "bemaerkninger",
      "comments",
      "notes",
    ],
    { code: "import.unmapped.into", params: { target: { code: "fields.initiative.summary" } } },
  ],
  [["fase", "status", "phase", "stage"], { code: "import.unmapped.phase" }],
  [
    ["projektleder", "project lead", "projektlead"],
    {
      code: "import.unmapped.afterImport",
      params: { target: { code: "fields.initiative.projectLead" } },
    },
  ],
  [
    ["strategimaal", "strategisk maal", "maal", "strategy goal", "goal"],
    {
      code: "import.unmapped.afterImport",
      params: { target: { code: "fields.initiative.strategyGoal" } },
    },
  ],
  [
    ["budget", "beloeb", "belob", "pris", "udgift", "amount", "cost"],
    { code: "import.unmapped.budgetYear" },
  ],
];

export interface UnmappedColumn {
  column: number;
  header: string;
  /** How many rows have something in it. */
  filled: number;
  /** Where its content could go. */
  hint: Problem;
}

/** The file's columns that nothing reads, with where their content could go. */
export function unmappedColumns(table: ImportTable, mapping: ColumnMapping): UnmappedColumn[] {
  return table.headers.flatMap((header, column) => {
    if (mapping[column] !== null && mapping[column] !== undefined) return [];
    const h = normalizeHeader(header);
    const words = h.split(" ");
    const hint =
      UNMAPPED_HINTS.find(([keys]) => keys.some((k) => k === h || words.includes(k)))?.[1] ??
      ({ code: "import.unmapped.nowhere" } satisfies Problem);
    const filled = table.rows.filter((r) => (r[column] ?? "").trim() !== "").length;
    return [{ column, header, filled, hint }];
  });
}

// ---------------------------------------------------------------- rows

export interface ImportArea {
  id: AreaId;
  title: string;
  abbreviation: string;
}

export interface ExistingInitiative {
  id: InitiativeId;
  title: string;
  externalRef: string;
  version: Version;
  /** Its area (a row without an external reference is the same initiative by title and area). */
  area?: AreaId | null;
}

export interface ImportContext {
  areas: readonly ImportArea[];
  /** People the Owner column may name, by e-mail or name. */
  people: readonly Person[];
  existing: readonly ExistingInitiative[];
  /** What a row whose external reference already exists does: update it or leave it. */
  onExisting: "update" | "skip";
  /** Chosen in the import dialog for the whole file when it has no such column. */
  defaultSource: Source;
  defaultArea: Ref<AreaId> | null;
  /** What the file's source and area values mean (the wizard's value step). */
  values?: ValueMap;
  /** Source synonyms (built-in plus configured); the built-in ones when not given. */
  synonyms?: Synonyms;
  /** Today (start of the day, UTC): a legal deadline before it is warned about. */
  today?: IsoDateTime;
  /** The person importing: the owner of a created initiative whose row names none. */
  importer?: Person | null;
}

/**
 * A problem with one row (the spreadsheet's row number): a cell that cannot be read
 * (`validation.import.*`, naming the column's target as `label` and the cell as `value`) or a
 * rule of the list the row's draft breaks (`validation.*`). `field` is the column's target.
 */
export type RowProblem = FieldProblem & { readonly row: number };

export type ImportBudgetLine = Omit<BudgetLineDraft, "initiative"> & { initiative: null };

/** Why a row is skipped: `import.skip.*` with the existing initiative's title. */
export type SkipReason = Problem<"import.skip.sameRef" | "import.skip.sameTitle">;

export type RowAction =
  | { kind: "create" }
  | { kind: "update"; id: InitiativeId; version: Version }
  | { kind: "skip"; id: InitiativeId; reason: SkipReason };

/**
 * A note that does not stop the row: `import.warning.*` (an amount rounded, no external
 * reference, a legal deadline already passed, the importer made owner).
 */
export type RowWarning = Problem;

export interface ImportRow {
  row: number;
  action: RowAction;
  /** The whole initiative for a create; for an update only the mapped fields are written. */
  initiative: InitiativeDraft;
  /** The initiative fields the file filled (what an update writes). */
  fields: (keyof InitiativeDraft)[];
  /** One line per year and kind; on update it replaces the line of that year and kind. */
  budgetLines: ImportBudgetLine[];
  /** Notes that do not stop the row (rounded amounts, no external reference, ...). */
  warnings: RowWarning[];
}

export interface ImportPreview {
  rows: ImportRow[];
  problems: RowProblem[];
  /** Rows with at least one problem (they are not imported). */
  invalidRows: number[];
  counts: { create: number; update: number; skip: number; invalid: number; empty: number };
}

const normRef = (s: string) => s.trim().toLowerCase();

function baseDraft(): InitiativeDraft {
  return {
    title: "",
    strategyGoal: null,
    summary: "",
    need: "",
    solution: "",
    source: "Fagområdets behov",
    area: null,
    owner: null,
    projectLead: null,
    phase: "Idé",
    governance: null,
    standaloneGroupFrom: null,
    standaloneGroupTo: null,
    mandatory: false,
    legalDeadline: null,
    requires: [],
    excludes: [],
    externalRef: "",
    resourceNeeds: "",
    expectedBenefits: "",
    priority: null,
    priorityScore: null,
    latestStatus: null,
  };
}

/** One row: the initiative and its budget lines, or the problems, each naming the column. */
function parseRow(
  cells: readonly string[],
  rowNumber: number,
  mapping: ColumnMapping,
  ctx: ImportContext,
): {
  draft: InitiativeDraft;
  fields: (keyof InitiativeDraft)[];
  lines: ImportBudgetLine[];
  warnings: RowWarning[];
  problems: RowProblem[];
  /** The list's own rules broken by the whole draft (a required field the file lacks, ...). */
  ruleProblems: RowProblem[];
} {
  const draft: InitiativeDraft = {
    ...baseDraft(),
    source: ctx.defaultSource,
    area: ctx.defaultArea,
  };
  const fields: (keyof InitiativeDraft)[] = [];
  const lines: ImportBudgetLine[] = [];
  const warnings: RowWarning[] = [];
  const problems: RowProblem[] = [];
  const say = (
    field: string,
    label: ProblemParam,
    code: string,
    params: Problem["params"] = {},
  ): void => {
    const p = fieldProblem(`validation.import.${code}`, field, { label, ...params });
    problems.push({ ...p, row: rowNumber });
  };

  mapping.forEach((target, col): void => {
    if (target === null) return;
    const raw = (cells[col] ?? "").trim();
    const label = targetParam(target);
    const value = { value: raw };
    if (target.field === "budget") {
      if (raw === "") return;
      const n = parseNumber(raw);
      if (n === null) return say("budget", label, "notAmount", value);
      if (n < 0) return say("budget", label, "negative", value);
      const amount = Math.round(n);
      if (amount !== n) {
        warnings.push({ code: "import.warning.rounded", params: { label, amount } });
      }
      if (amount > 0) {
        lines.push({
          title: `${target.kind} ${target.year}`,
          initiative: null,
          year: target.year,
          kind: target.kind,
          amount,
        });
      }
      return;
    }
    const field = target.field;
    switch (field) {
      case "source": {
        if (raw === "") return say(field, label, "required");
        const source =
          ctx.values?.source?.[normalizeHeader(raw)] ??
          parseSource(raw, ctx.synonyms ?? SOURCE_SYNONYMS);
        if (source === null) {
          return say(field, label, "unknownSource", { ...value, values: SOURCES.join(", ") });
        }
        draft.source = source;
        break;
      }
      case "area": {
        if (raw === "") return say(field, label, "required");
        const h = normalizeHeader(raw);
        const chosen = ctx.values?.area?.[h];
        const area = ctx.areas.find((a) =>
          chosen !== undefined
            ? a.id === chosen
            : normalizeHeader(a.title) === h || normalizeHeader(a.abbreviation) === h,
        );
        if (!area) return say(field, label, "unknownArea", value);
        draft.area = { id: area.id, title: area.title } satisfies Ref<AreaId>;
        break;
      }
      case "owner": {
        if (raw === "") break;
        const p = ctx.people.find(
          (x) =>
            x.email.toLowerCase() === raw.toLowerCase() ||
            x.name.toLowerCase() === raw.toLowerCase(),
        );
        if (!p) return say(field, label, "unknownPerson", value);
        draft.owner = p;
        break;
      }
      case "mandatory": {
        const yes = parseYesNo(raw);
        if (yes === null) return say(field, label, "yesNo", value);
        draft.mandatory = yes;
        break;
      }
      case "legalDeadline": {
        if (raw === "") break;
        const d = parseDate(raw);
        if (d === null) return say(field, label, "notDate", value);
        draft.legalDeadline = d;
        break;
      }
      default:
        draft[field] = raw;
    }
    fields.push(field);
  });

  if (draft.legalDeadline !== null && ctx.today && draft.legalDeadline < ctx.today) {
    warnings.push({
      code: "import.warning.legalDeadlinePast",
      params: { date: draft.legalDeadline.slice(0, 10) },
    });
  }
  if (
    draft.mandatory &&
    draft.legalDeadline === null &&
    fields.includes("mandatory") &&
    // A deadline cell that is not a date has said so already.
    !problems.some((p) => p.field === "legalDeadline")
  ) {
    say("legalDeadline", { code: "fields.initiative.legalDeadline" }, "legalDeadlineWhenMandatory");
  }
  // The list's own rules (lengths, required title and area), with the row in front.
  const ruleProblems: RowProblem[] = [];
  const v = validateInitiative(draft);
  if (!v.ok) {
    for (const p of v.problems) {
      if (problems.some((q) => q.field === p.field)) continue;
      ruleProblems.push({ ...p, row: rowNumber });
    }
  }
  return { draft, fields, lines, warnings, problems, ruleProblems };
}

/** A title as duplicates are found by: case- and whitespace-insensitive. */
export function titleKey(title: string): string {
  return title.toLocaleLowerCase("da").replace(/\s+/g, " ").trim();
}

/**
 * Parses every row and decides its action: create, update or skip. A row is an existing
 * initiative when its external reference exists, or (a row without one) when an initiative of
 * the same title, case- and whitespace-insensitive, exists in the same area ("findes
 * allerede"); it is then updated or skipped as `onExisting` says, so importing the same file
 * again creates nothing. A reference, or a title in one area, that appears twice in the file is
 * an error on the later row: the file must say which is right.
 */
export function previewImport(
  table: ImportTable,
  mapping: ColumnMapping,
  ctx: ImportContext,
): ImportPreview {
  const rows: ImportRow[] = [];
  const problems: RowProblem[] = [];
  const invalidRows: number[] = [];
  const seenRefs = new Map<string, number>();
  const existingByRef = new Map(
    ctx.existing.filter((e) => e.externalRef.trim() !== "").map((e) => [normRef(e.externalRef), e]),
  );
  const sameTitleKey = (title: string, area: AreaId | null | undefined) =>
    `${area ?? ""}|${titleKey(title)}`;
  const existingByTitle = new Map<string, ExistingInitiative>();
  for (const e of ctx.existing) {
    const key = sameTitleKey(e.title, e.area);
    if (!existingByTitle.has(key)) existingByTitle.set(key, e);
  }
  const seenTitles = new Map<string, number>();
  const counts = { create: 0, update: 0, skip: 0, invalid: 0, empty: 0 };

  table.rows.forEach((cells, index) => {
    const rowNumber = index + 2;
    if (cells.every((c) => c.trim() === "")) {
      counts.empty += 1;
      return;
    }
    const parsed = parseRow(cells, rowNumber, mapping, ctx);
    const ref = normRef(parsed.draft.externalRef);
    if (ref !== "") {
      const first = seenRefs.get(ref);
      if (first !== undefined) {
        parsed.problems.push({
          ...fieldProblem("validation.import.duplicateRef", "externalRef", {
            label: { code: "fields.initiative.externalRef" },
            value: parsed.draft.externalRef,
            first,
          }),
          row: rowNumber,
        });
      } else {
        seenRefs.set(ref, rowNumber);
      }
    }
    const titleAt = sameTitleKey(parsed.draft.title, parsed.draft.area?.id);
    if (ref === "" && titleKey(parsed.draft.title) !== "") {
      const first = seenTitles.get(titleAt);
      if (first !== undefined) {
        parsed.problems.push({
          ...fieldProblem("validation.import.duplicateTitle", "title", {
            label: { code: "fields.initiative.title" },
            value: parsed.draft.title,
            first,
          }),
          row: rowNumber,
        });
      } else {
        seenTitles.set(titleAt, rowNumber);
      }
    }
    const byRef = ref === "" ? undefined : existingByRef.get(ref);
    const byTitle = ref === "" ? existingByTitle.get(titleAt) : undefined;
    const existing = byRef ?? byTitle;
    // A row of an existing initiative writes only the columns the file has (or nothing, when
    // skipped): what the file lacks is stored already, so only its own fields must be valid.
    const rowProblems = [
      ...parsed.problems,
      ...(existing
        ? parsed.ruleProblems.filter((p) =>
            parsed.fields.includes(p.field as keyof InitiativeDraft),
          )
        : parsed.ruleProblems),
    ];
    if (rowProblems.length > 0) {
      problems.push(...rowProblems);
      invalidRows.push(rowNumber);
      counts.invalid += 1;
      return;
    }
    let action: RowAction;
    if (!existing) action = { kind: "create" };
    else if (ctx.onExisting === "update")
      action = { kind: "update", id: existing.id, version: existing.version };
    else
      action = {
        kind: "skip",
        id: existing.id,
        reason: {
          code: byRef ? "import.skip.sameRef" : "import.skip.sameTitle",
          params: { title: existing.title },
        },
      };
    const warnings = [...parsed.warnings];
    if (ref === "" && !existing) warnings.push({ code: "import.warning.noExternalRef" });
    // The importer owns what is created when the file names no owner (an update writes only
    // the file's own fields, so it never changes the owner this way).
    if (action.kind === "create" && parsed.draft.owner === null && ctx.importer) {
      parsed.draft.owner = ctx.importer;
      warnings.push({ code: "import.warning.importerOwner", params: { name: ctx.importer.name } });
    }
    counts[action.kind] += 1;
    rows.push({
      row: rowNumber,
      action,
      initiative: parsed.draft,
      fields: parsed.fields,
      budgetLines: parsed.lines,
      warnings,
    });
  });
  return { rows, problems, invalidRows, counts };
}

// ---------------------------------------------------------------- batches

/** Writes one row takes: the initiative plus one per budget line (nothing for a skip). */
export function operationsOf(row: ImportRow): number {
  return row.action.kind === "skip" ? 0 : 1 + row.budgetLines.length;
}

/**
 * Splits the rows to write into batches of at most `maxOperations` writes, never splitting a
 * row (a row is written whole or not at all); a row larger than the limit gets a batch of its
 * own. Skipped rows are left out.
 */
export function splitIntoBatches(rows: readonly ImportRow[], maxOperations = 100): ImportRow[][] {
  if (!Number.isInteger(maxOperations) || maxOperations < 1) {
    throw new Error("splitIntoBatches: maxOperations must be a positive integer");
  }
  const batches: ImportRow[][] = [];
  let current: ImportRow[] = [];
  let used = 0;
  for (const row of rows) {
    const ops = operationsOf(row);
    if (ops === 0) continue;
    if (current.length > 0 && used + ops > maxOperations) {
      batches.push(current);
      current = [];
      used = 0;
    }
    current.push(row);
    used += ops;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

// ---------------------------------------------------------------- writing an update

/**
 * The initiative an update row writes: the stored initiative with only the fields the file
 * filled replaced, at the version the preview read (a newer stored version makes the write a
 * `Conflict`: someone else's change is never overwritten).
 */
export function updatedInitiative<T extends InitiativeDraft & { id: InitiativeId }>(
  current: T,
  row: ImportRow,
): T & { version: Version } {
  if (row.action.kind !== "update") throw new Error("updatedInitiative: not an update row");
  const next: T & { version: Version } = { ...current, version: row.action.version };
  for (const field of row.fields) {
    (next as unknown as Record<string, unknown>)[field] = row.initiative[field];
  }
  return next;
}

/** An existing budget line as an update sees it. */
export type StoredBudgetLine = BudgetLineDraft & { id: BudgetLineId; version: Version };

export interface BudgetLinePlan {
  /** Lines of a year and kind the initiative does not have yet. */
  add: BudgetLineDraft[];
  /** Existing lines of the same year and kind whose amount changes (new values, read version). */
  update: StoredBudgetLine[];
}

/**
 * What an update row does to the initiative's budget lines: the file's amount replaces the
 * amount of the existing line of that year and kind (the first, if there are several); a year
 * and kind it does not have yet is added. Lines the file does not name, and empty cells, leave
 * the stored lines as they are.
 */
export function planBudgetLines(
  existing: readonly StoredBudgetLine[],
  lines: readonly ImportBudgetLine[],
  initiative: Ref<InitiativeId>,
): BudgetLinePlan {
  const plan: BudgetLinePlan = { add: [], update: [] };
  for (const line of lines) {
    const same = [...existing]
      .sort((a, b) => a.id - b.id)
      .find((e) => e.year === line.year && e.kind === line.kind);
    if (!same) plan.add.push({ ...line, initiative });
    else if (same.amount !== line.amount) plan.update.push({ ...same, amount: line.amount });
  }
  return plan;
}
