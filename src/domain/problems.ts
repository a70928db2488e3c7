/**
 * Problems as codes. The domain and the use-cases never word anything for the user: a rule that
 * refuses, a validation that fails or a state that blocks an action returns a `Problem`, a
 * stable code with plain parameters, and the UI words it in the UI language (Danish first,
 * English complete). The code is the i18n key of its words (`<feature>.problem.<name>`, e.g.
 * `agenda.problem.noPoints`), so a code without words is caught by the i18n tests.
 *
 * Business refusals ("only the secretariat may …", "the round is closed") are results
 * (`Result<T, Problem>`), not thrown errors: `StoreError` is only what an adapter maps a failed
 * SharePoint or Graph call to (domain/errors.ts).
 */
import { err, type Result } from "./common.js";

/**
 * A parameter of a problem's words: a plain value the UI formats. A parameter that is itself
 * words (a field's label, a phase) is given as a code in `{ code }`, and the UI words it too.
 */
export type ProblemParam = string | number | boolean | null | { readonly code: string };

export type ProblemParams = Readonly<Record<string, ProblemParam>>;

export interface Problem<Code extends string = string> {
  /** The i18n key of the problem's words, e.g. `agenda.problem.noPoints`. */
  readonly code: Code;
  readonly params?: ProblemParams;
  /** The domain property the problem is about, when it is about one (a form shows it there). */
  readonly field?: string;
}

export function problem<Code extends string>(
  code: Code,
  params?: ProblemParams,
  field?: string,
): Problem<Code> {
  return {
    code,
    ...(params === undefined ? {} : { params }),
    ...(field === undefined ? {} : { field }),
  };
}

/** A refusal as a result: `return refuse("initiative.problem.notOwner")`. */
export function refuse<Code extends string>(
  code: Code,
  params?: ProblemParams,
  field?: string,
): { ok: false; error: Problem<Code> } {
  return err(problem(code, params, field));
}

/** What a use-case that may refuse returns. */
export type Outcome<T, Code extends string = string> = Result<T, Problem<Code>>;

/** Whether a value is a Problem (for code that receives either a Problem or an error). */
export function isProblem(value: unknown): value is Problem {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { code?: unknown }).code === "string" &&
    !(value instanceof Error)
  );
}
