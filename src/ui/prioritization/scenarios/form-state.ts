/**
 * The scenarios page's state as a reducer: the value source (a closed round or the priority
 * score), the user's forced choices, the solver's options as typed, and the name a run is saved
 * under. Pure helpers read the options (with whether each is out of range) and move a candidate
 * between forced in, forced out and free.
 */
import type { InitiativeId } from "../../../domain/ids.js";
import type { ForcedChoice } from "../../../domain/prioritization.js";
import type { SolveOptions } from "../../../ports/solver.js";
import type { UserChoices } from "../../../use-cases/scenarios.js";

export interface ScenariosFormState {
  /** The closed round's id as the select's value; "" for the priority score. */
  source: string;
  choices: UserChoices;
  /** The gap the search may stop at, in percent, as typed. */
  gapPercent: string;
  /** The time limit in seconds, as typed. */
  seconds: string;
  /** The name to save the run under, and whether saving was tried (to show a missing name). */
  title: string;
  titleTried: boolean;
}

export type ScenariosAction =
  | { type: "source"; source: string }
  | { type: "choices"; choices: UserChoices }
  | { type: "gapPercent"; value: string }
  | { type: "seconds"; value: string }
  | { type: "title"; value: string }
  | { type: "saveTried" }
  | { type: "saved" };

export const NO_CHOICES: UserChoices = { forcedIn: [], forcedOut: [] };

export const INITIAL_SCENARIOS_STATE: ScenariosFormState = {
  source: "",
  choices: NO_CHOICES,
  gapPercent: "0",
  seconds: "30",
  title: "",
  titleTried: false,
};

export function scenariosReducer(
  state: ScenariosFormState,
  action: ScenariosAction,
): ScenariosFormState {
  switch (action.type) {
    case "source":
      // Other candidates and values: the forced choices no longer apply.
      return { ...state, source: action.source, choices: NO_CHOICES };
    case "choices":
      return { ...state, choices: action.choices };
    case "gapPercent":
      return { ...state, gapPercent: action.value };
    case "seconds":
      return { ...state, seconds: action.value };
    case "title":
      return { ...state, title: action.value };
    case "saveTried":
      return { ...state, titleTried: true };
    case "saved":
      return { ...state, title: "", titleTried: false };
  }
}

/** The solver's options from the text typed: gap 0–50 %, time limit over 0 and up to 600 s. */
export function solveOptionsOf(state: Pick<ScenariosFormState, "gapPercent" | "seconds">): {
  options: SolveOptions;
  gapBad: boolean;
  limitBad: boolean;
} {
  const gap = Number(state.gapPercent.replace(",", "."));
  const limit = Number(state.seconds.replace(",", "."));
  return {
    options: { gap: gap / 100, timeLimitSeconds: limit },
    gapBad: !Number.isFinite(gap) || gap < 0 || gap > 50,
    limitBad: !Number.isFinite(limit) || limit <= 0 || limit > 600,
  };
}

/** The choices with `choice` forced in or out (and no longer forced the other way). */
export function withForced(
  choices: UserChoices,
  direction: "in" | "out",
  choice: ForcedChoice,
): UserChoices {
  const rest = (l: readonly ForcedChoice[]) => l.filter((f) => f.initiative !== choice.initiative);
  return direction === "in"
    ? {
        ...choices,
        forcedIn: [...rest(choices.forcedIn), choice],
        forcedOut: rest(choices.forcedOut),
      }
    : {
        ...choices,
        forcedIn: rest(choices.forcedIn),
        forcedOut: [...rest(choices.forcedOut), choice],
      };
}

/** The choices with the candidate free again. */
export function withoutForced(choices: UserChoices, id: InitiativeId): UserChoices {
  return {
    ...choices,
    forcedIn: choices.forcedIn.filter((f) => f.initiative !== id),
    forcedOut: choices.forcedOut.filter((f) => f.initiative !== id),
  };
}
