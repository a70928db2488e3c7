/**
 * A user's own items (PersonalItems / Personlige elementer): saved portfolio views and intake
 * drafts. The list has item-level security, so each user reads and writes only their own; the
 * payload is JSON whose shape belongs to the feature that wrote it (`kind`).
 */
import type { Stored } from "./common.js";
import type { PersonalItemId } from "./ids.js";
import {
  fieldProblem,
  NOTE_MAX,
  type Rules,
  TEXT_MAX,
  validateWith,
  type Validation,
} from "./validation.js";

/** `Visning`: a saved portfolio view; `Kladde`: an intake draft to finish later. */
export const PERSONAL_ITEM_KINDS = ["Visning", "Kladde"] as const;
export type PersonalItemKind = (typeof PERSONAL_ITEM_KINDS)[number];

export interface PersonalItemDraft {
  /** The name the user gave (a view) or the proposal's working title (a draft). */
  title: string;
  kind: PersonalItemKind;
  /** JSON, owned by the feature of `kind`. */
  payload: string;
}
export type PersonalItem = Stored<PersonalItemDraft, PersonalItemId>;

export const PERSONAL_ITEM_RULES: Rules<PersonalItemDraft> = {
  title: { label: "fields.personalItem.title", required: true, maxLength: TEXT_MAX },
  kind: { label: "fields.personalItem.kind", required: true, oneOf: PERSONAL_ITEM_KINDS },
  payload: { label: "fields.personalItem.payload", maxLength: NOTE_MAX },
};

export function validatePersonalItem(d: PersonalItemDraft): Validation {
  return validateWith(PERSONAL_ITEM_RULES, d, (x) => {
    try {
      JSON.parse(x.payload === "" ? "null" : x.payload);
      return [];
    } catch {
      return [fieldProblem("validation.personalItem.json", "payload")];
    }
  });
}
