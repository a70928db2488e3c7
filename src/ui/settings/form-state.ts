/**
 * Indstillinger's form state: every value as the text being typed, and the import synonyms as
 * one text per choice (a comma-separated list, kept as typed so a trailing comma is not eaten),
 * turned into the stored JSON only when the values are handed to the save.
 */
import {
  EDITED_SETTINGS,
  type EditedSetting,
  encodeSynonyms,
  parseSynonyms,
  type SettingValues,
  synonymsFromText,
  VOCABULARIES,
  type VocabularySetting,
} from "../../domain/settings.js";

export type TextSetting = Exclude<EditedSetting, VocabularySetting>;

export interface SettingsFormState {
  values: Record<TextSetting, string>;
  /** Per vocabulary: per choice, its synonyms as typed. */
  synonyms: Record<VocabularySetting, Record<string, string>>;
}

export type SettingsFormAction =
  | { kind: "set"; name: TextSetting; value: string }
  /** A new team clears the channel picked in the old one. */
  | { kind: "team"; name: "committeeTeamId" | "chefforumTeamId"; value: string }
  | { kind: "synonyms"; vocabulary: VocabularySetting; choice: string; text: string };

const CHANNEL_OF = {
  committeeTeamId: "committeeChannelId",
  chefforumTeamId: "chefforumChannelId",
} as const;

const VOCABULARY_NAMES = Object.keys(VOCABULARIES) as VocabularySetting[];

export function formStateOf(values: SettingValues): SettingsFormState {
  const text = {} as Record<TextSetting, string>;
  for (const name of EDITED_SETTINGS) {
    if (!(VOCABULARY_NAMES as readonly string[]).includes(name)) {
      text[name as TextSetting] = values[name];
    }
  }
  const synonyms = {} as SettingsFormState["synonyms"];
  for (const v of VOCABULARY_NAMES) {
    const parsed = parseSynonyms(values[v]);
    synonyms[v] = Object.fromEntries(VOCABULARIES[v].map((c) => [c, (parsed[c] ?? []).join(", ")]));
  }
  return { values: text, synonyms };
}

export function settingsFormReducer(
  state: SettingsFormState,
  action: SettingsFormAction,
): SettingsFormState {
  switch (action.kind) {
    case "set":
      return { ...state, values: { ...state.values, [action.name]: action.value } };
    case "team":
      if (state.values[action.name] === action.value) return state;
      return {
        ...state,
        values: { ...state.values, [action.name]: action.value, [CHANNEL_OF[action.name]]: "" },
      };
    case "synonyms":
      return {
        ...state,
        synonyms: {
          ...state.synonyms,
          [action.vocabulary]: {
            ...state.synonyms[action.vocabulary],
            [action.choice]: action.text,
          },
        },
      };
  }
}

/** The values to save: the text as typed, the synonyms as the stored JSON. */
export function valuesOf(state: SettingsFormState): SettingValues {
  const out = { ...state.values } as SettingValues;
  for (const v of VOCABULARY_NAMES) {
    out[v] = encodeSynonyms(
      Object.fromEntries(
        Object.entries(state.synonyms[v]).map(([choice, text]) => [choice, synonymsFromText(text)]),
      ),
    );
  }
  return out;
}
