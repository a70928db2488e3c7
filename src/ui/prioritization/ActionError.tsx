/**
 * What went wrong with an action on the prioritization pages: a refusal (a Problem the use-case
 * returned) in words, or a failed call (a StoreError) as the kit shows it.
 */
import { isProblem } from "../../domain/problems.js";
import { ProblemMessage } from "../components/ProblemMessage.js";
import { StoreErrorMessage } from "../components/StoreErrorMessage.js";

export function ActionError({ error, title }: { error: unknown; title?: string }) {
  if (error === null || error === undefined) return null;
  if (isProblem(error)) {
    return <ProblemMessage problems={[error]} {...(title === undefined ? {} : { title })} />;
  }
  return <StoreErrorMessage error={error} {...(title === undefined ? {} : { title })} />;
}
