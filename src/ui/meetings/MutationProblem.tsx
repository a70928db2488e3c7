/**
 * What went wrong with a write of the Meetings pages: the store's error (thrown by an adapter)
 * as the kit's StoreErrorMessage, or the use-case's refusal (a Problem in the outcome) as the
 * kit's ProblemMessage. Nothing when the write succeeded or has not run.
 */
import type { Problem } from "../../domain/problems.js";
import { ProblemMessage } from "../components/ProblemMessage.js";
import { StoreErrorMessage } from "../components/StoreErrorMessage.js";

/** The parts of a mutation (or of anything shaped like one) this reads. */
export interface WriteState {
  error: unknown;
  data?: { ok: true } | { ok: false; error: Problem } | undefined;
}

/** The refusal in a write's outcome, when it was refused. */
export function refusalOf(write: WriteState): Problem | null {
  return write.data && !write.data.ok ? write.data.error : null;
}

export function MutationProblem(props: {
  mutation: WriteState;
  title: string;
  onRetry?: () => void;
}) {
  const { mutation, title } = props;
  if (mutation.error) {
    return (
      <StoreErrorMessage
        error={mutation.error}
        title={title}
        {...(props.onRetry ? { onRetry: props.onRetry } : {})}
      />
    );
  }
  const refused = refusalOf(mutation);
  return refused ? <ProblemMessage problems={[refused]} title={title} /> : null;
}
