/**
 * Outcomes in tests: `accepted` gives the value of an outcome the test expects to be accepted
 * (a refusal fails the test with its code), `refusal` gives the Problem of one it expects to be
 * refused. A thrown error (a StoreError from the store) passes through either.
 */
import type { Outcome, Problem } from "../../src/domain/problems.js";

export async function accepted<T>(outcome: Promise<Outcome<T>>): Promise<T> {
  const r = await outcome;
  if (!r.ok) throw new Error(`Expected it to be accepted, but it was refused: ${r.error.code}`);
  return r.value;
}

export async function refusal<T>(outcome: Promise<Outcome<T>>): Promise<Problem> {
  const r = await outcome;
  if (r.ok) throw new Error("Expected a refusal, but it was accepted");
  return r.error;
}
