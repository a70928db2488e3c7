/**
 * Indstillinger: the committee's configuration, one Settings item per key (SETTING_KEYS). The
 * page edits the values as text; each value is checked by the rule of its key before it is
 * written, and a value is written with the version it was read at (an ETag), so a change made
 * meanwhile by someone else is refused and named, never overwritten.
 */
import type { Version } from "./ids.js";
import { YEAR_MAX, YEAR_MIN } from "./portfolio.js";
import { type Problem, problem } from "./problems.js";
import type { Me } from "./roles.js";
import type { Setting, SettingDraft } from "./strategy.js";
import { SETTING_KEYS } from "./strategy.js";
import { COMPETENCES, SOURCES } from "./vocabulary.js";

/** The settings the page edits, by name (the property of SETTING_KEYS). */
export type SettingName = keyof typeof SETTING_KEYS;

/** The settings Indstillinger shows, in its order. */
export const EDITED_SETTINGS = [
  "committeeTeamId",
  "committeeChannelId",
  "chefforumTeamId",
  "chefforumChannelId",
  "direktoerforumAddress",
  "minMeetingsPerYear",
  "budgetYears",
  "largerProjectThreshold",
  "sourceSynonyms",
  "competenceSynonyms",
] as const satisfies readonly SettingName[];
export type EditedSetting = (typeof EDITED_SETTINGS)[number];

/** The values as text, by name ("" = not set). */
export type SettingValues = Record<EditedSetting, string>;

/** Only the site's owners and the secretariat configure the committee (Settings list). */
export function mayEditSettings(me: Pick<Me, "roles">): boolean {
  return me.roles.includes("owner") || me.roles.includes("secretary");
}

/** The bounds of the numeric settings. */
export const SETTING_LIMITS = {
  minMeetingsPerYear: { min: 1, max: 52 },
  budgetYears: { maxCount: 10 },
  /** Whole kroner; a billion is far beyond any municipal IT project. */
  largerProjectThreshold: { min: 0, max: 1_000_000_000 },
  synonym: { maxLength: 100 },
} as const;

/** The managed vocabularies whose import synonyms are held in settings. */
export const VOCABULARIES = {
  sourceSynonyms: SOURCES,
  competenceSynonyms: COMPETENCES,
} as const;
export type VocabularySetting = keyof typeof VOCABULARIES;

/** A vocabulary's synonyms: each known value → the words a file may use for it. */
export type Synonyms = Record<string, string[]>;

/** The synonyms held in a setting's value (JSON); anything unreadable reads as none. */
export function parseSynonyms(value: string): Synonyms {
  if (!value.trim()) return {};
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return {};
    const out: Synonyms = {};
    for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
      if (Array.isArray(v)) out[k] = v.filter((s): s is string => typeof s === "string");
    }
    return out;
  } catch {
    return {};
  }
}

/** Synonyms as the setting stores them: trimmed, empty ones and empty values left out. */
export function encodeSynonyms(synonyms: Synonyms): string {
  const out: Synonyms = {};
  for (const [k, v] of Object.entries(synonyms)) {
    const words = v.map((s) => s.trim().replace(/\s+/g, " ")).filter((s) => s !== "");
    if (words.length > 0) out[k] = words;
  }
  return Object.keys(out).length === 0 ? "" : JSON.stringify(out);
}

/** Synonyms typed as a comma-separated list. */
export function synonymsFromText(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function integerIn(value: string, min: number, max: number): number | null {
  const t = value.trim().replace(/[.\s]/g, "");
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return n >= min && n <= max ? n : null;
}

function fold(s: string): string {
  return s.trim().replace(/\s+/g, " ").toLocaleLowerCase("da");
}

function checkSynonyms(field: VocabularySetting, value: string): Problem[] {
  if (!value.trim()) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return [problem("settings.problem.synonymsUnreadable", {}, field)];
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return [problem("settings.problem.synonymsUnreadable", {}, field)];
  }
  const known: readonly string[] = VOCABULARIES[field];
  const problems: Problem[] = [];
  const owner = new Map<string, string>();
  for (const [choice, words] of Object.entries(parsed as Record<string, unknown>)) {
    if (!known.includes(choice)) {
      problems.push(problem("settings.problem.unknownChoice", { choice }, field));
      continue;
    }
    if (!Array.isArray(words) || words.some((w) => typeof w !== "string")) {
      problems.push(problem("settings.problem.synonymsUnreadable", {}, field));
      continue;
    }
    for (const w of words as string[]) {
      if (w.length > SETTING_LIMITS.synonym.maxLength) {
        problems.push(
          problem(
            "settings.problem.synonymTooLong",
            { synonym: w.slice(0, 20), max: SETTING_LIMITS.synonym.maxLength },
            field,
          ),
        );
        continue;
      }
      const key = fold(w);
      const other = owner.get(key);
      if (other !== undefined && other !== choice) {
        problems.push(
          problem(
            "settings.problem.synonymTwice",
            { synonym: w, first: other, second: choice },
            field,
          ),
        );
      }
      // A synonym equal to another value of the vocabulary would take that value's rows.
      const clash = known.find((k) => k !== choice && fold(k) === key);
      if (clash !== undefined) {
        problems.push(
          problem("settings.problem.synonymIsValue", { synonym: w, choice: clash }, field),
        );
      }
      owner.set(key, choice);
    }
  }
  return problems;
}

/**
 * The problems of one setting's value (each naming the setting as its field). Empty values are
 * allowed but for the pairs (a channel needs its team) checked by `checkSettings`.
 */
export function checkSettingValue(name: EditedSetting, value: string): Problem[] {
  const v = value.trim();
  switch (name) {
    case "committeeTeamId":
    case "committeeChannelId":
    case "chefforumTeamId":
    case "chefforumChannelId":
      return v.length > 200 || /\s/.test(v) ? [problem("settings.problem.badId", {}, name)] : [];
    case "direktoerforumAddress":
      return v === "" || (EMAIL.test(v) && v.length <= 320)
        ? []
        : [problem("settings.problem.badAddress", { value: v.slice(0, 60) }, name)];
    case "minMeetingsPerYear": {
      const { min, max } = SETTING_LIMITS.minMeetingsPerYear;
      return v === "" || integerIn(v, min, max) !== null
        ? []
        : [problem("settings.problem.outOfRange", { min, max }, name)];
    }
    case "largerProjectThreshold": {
      const { min, max } = SETTING_LIMITS.largerProjectThreshold;
      return v === "" || integerIn(v, min, max) !== null
        ? []
        : [problem("settings.problem.badAmount", { min, max }, name)];
    }
    case "budgetYears":
      return checkBudgetYears(v);
    case "sourceSynonyms":
    case "competenceSynonyms":
      return checkSynonyms(name, v);
  }
}

function checkBudgetYears(v: string): Problem[] {
  if (v === "") return [problem("settings.problem.noBudgetYears", {}, "budgetYears")];
  const parts = v.split(/[,;\s]+/).filter((s) => s !== "");
  const bad = parts.find((p) => !/^\d{4}$/.test(p) || +p < YEAR_MIN || +p > YEAR_MAX);
  if (bad !== undefined) {
    return [
      problem(
        "settings.problem.badYear",
        { value: bad, min: YEAR_MIN, max: YEAR_MAX },
        "budgetYears",
      ),
    ];
  }
  const years = parts.map(Number);
  if (new Set(years).size !== years.length) {
    return [problem("settings.problem.yearTwice", {}, "budgetYears")];
  }
  if (years.length > SETTING_LIMITS.budgetYears.maxCount) {
    return [
      problem(
        "settings.problem.tooManyYears",
        { max: SETTING_LIMITS.budgetYears.maxCount },
        "budgetYears",
      ),
    ];
  }
  const sorted = [...years].sort((a, b) => a - b);
  if (sorted.some((y, i) => i > 0 && y !== sorted[i - 1]! + 1)) {
    return [problem("settings.problem.yearsGap", {}, "budgetYears")];
  }
  return [];
}

/** Every problem of the values, the pairs (team and channel) included. */
export function checkSettings(values: SettingValues): Problem[] {
  const problems = EDITED_SETTINGS.flatMap((n) => checkSettingValue(n, values[n]));
  const pairs = [
    ["committeeTeamId", "committeeChannelId"],
    ["chefforumTeamId", "chefforumChannelId"],
  ] as const;
  for (const [team, channel] of pairs) {
    const hasTeam = values[team].trim() !== "";
    const hasChannel = values[channel].trim() !== "";
    if (hasTeam && !hasChannel) problems.push(problem("settings.problem.needChannel", {}, channel));
    if (!hasTeam && hasChannel) problems.push(problem("settings.problem.needTeam", {}, team));
  }
  return problems;
}

/** A value as it is stored: trimmed; budget years sorted and comma-separated; amounts bare. */
export function normalizeSetting(name: EditedSetting, value: string): string {
  const v = value.trim();
  switch (name) {
    case "budgetYears":
      return v
        .split(/[,;\s]+/)
        .filter((s) => s !== "")
        .map(Number)
        .sort((a, b) => a - b)
        .join(",");
    case "minMeetingsPerYear":
    case "largerProjectThreshold":
      return v.replace(/[.\s]/g, "");
    case "sourceSynonyms":
    case "competenceSynonyms":
      return v === "" ? "" : encodeSynonyms(parseSynonyms(v));
    default:
      return v;
  }
}

/** The stored values by name (a missing item reads as ""), with each item found. */
export function settingValues(stored: readonly Setting[]): {
  values: SettingValues;
  items: Partial<Record<EditedSetting, Setting>>;
} {
  const items: Partial<Record<EditedSetting, Setting>> = {};
  const values = {} as SettingValues;
  for (const name of EDITED_SETTINGS) {
    const item = stored.find((s) => s.key === SETTING_KEYS[name]);
    if (item) items[name] = item;
    values[name] = item?.value ?? "";
  }
  return { values, items };
}

/** One write of a save: an update at the version read, or a new item. */
export type SettingWrite =
  | {
      kind: "update";
      name: EditedSetting;
      setting: SettingDraft & { id: Setting["id"]; version: Version };
    }
  | { kind: "add"; name: EditedSetting; draft: SettingDraft };

/** The Danish titles of new Settings items (data: the list's Navn column). */
export const SETTING_TITLES: Record<EditedSetting, string> = {
  committeeTeamId: "Styregruppens team",
  committeeChannelId: "Styregruppens kanal",
  chefforumTeamId: "Chefforums team",
  chefforumChannelId: "Chefforums kanal til referater",
  direktoerforumAddress: "Direktørforums postkasse",
  minMeetingsPerYear: "Mindste antal møder pr. år",
  budgetYears: "Budgetår",
  largerProjectThreshold: "Tærskel for større projekter (Chefforum orienteres)",
  sourceSynonyms: "Synonymer for kilder (import)",
  competenceSynonyms: "Synonymer for kompetencer (import)",
};

/**
 * The writes that save `edited` over what was read: only values that changed (after
 * normalizing), each an update at the version read, or an add for a key not stored yet.
 */
export function settingWrites(
  read: { values: SettingValues; items: Partial<Record<EditedSetting, Setting>> },
  edited: Partial<SettingValues>,
): SettingWrite[] {
  const writes: SettingWrite[] = [];
  for (const name of EDITED_SETTINGS) {
    const next = edited[name];
    if (next === undefined) continue;
    const value = normalizeSetting(name, next);
    if (value === read.values[name]) continue;
    const item = read.items[name];
    if (item) {
      writes.push({
        kind: "update",
        name,
        setting: {
          id: item.id,
          version: item.version,
          title: item.title,
          key: item.key,
          value,
          description: item.description,
        },
      });
    } else {
      writes.push({
        kind: "add",
        name,
        draft: { title: SETTING_TITLES[name], key: SETTING_KEYS[name], value, description: "" },
      });
    }
  }
  return writes;
}
