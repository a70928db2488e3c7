/**
 * Words for the parts Fluent UI labels itself, in English, whatever the UI language: the
 * Dropdown's clear button ("Clear selection", rendered, hidden, with every Dropdown) and the
 * SpinButton's step buttons ("Increment value", "Decrement value"). Fluent has no language
 * setting for these, so the FluentProvider's custom style hooks, which run with each
 * component's state before it renders, put the UI language's words in their place. A label a
 * view gave itself is left as it is.
 */
import type {
  DropdownState,
  FluentProviderCustomStyleHooks,
  SpinButtonState,
} from "@fluentui/react-components";

type Translate = (key: string) => string;

/** Fluent's own English labels, as its components set them. */
export const FLUENT_DEFAULT_LABELS = {
  clearSelection: "Clear selection",
  increment: "Increment value",
  decrement: "Decrement value",
} as const;

function relabel(
  slot: { "aria-label"?: string | undefined } | undefined,
  english: string,
  words: string,
): void {
  if (slot && slot["aria-label"] === english) slot["aria-label"] = words;
}

export function fluentLabelHooks(t: Translate): FluentProviderCustomStyleHooks {
  return {
    useDropdownStyles_unstable: (state: unknown) => {
      const s = state as DropdownState;
      relabel(s.clearButton, FLUENT_DEFAULT_LABELS.clearSelection, t("kit.fluent.clearSelection"));
    },
    useSpinButtonStyles_unstable: (state: unknown) => {
      const s = state as SpinButtonState;
      relabel(s.incrementButton, FLUENT_DEFAULT_LABELS.increment, t("kit.fluent.increment"));
      relabel(s.decrementButton, FLUENT_DEFAULT_LABELS.decrement, t("kit.fluent.decrement"));
    },
  };
}
