/**
 * Use-cases that refuse return an Outcome (domain/problems.ts). Tests that expect a call to be
 * accepted unwrap it here; a refusal then rejects as `Refused`, carrying the problem's code,
 * params and field as own properties, so `rejects.toMatchObject({ code })` reads the same way
 * as an expected store error. `refusal`/`refusedWith` give the Problem of an outcome expected
 * to be refused. A thrown error (a StoreError from the store) passes through all of them.
 */
import type { Outcome, Problem, ProblemParams } from "../../src/domain/problems.js";

export class Refused extends Error {
  readonly code: string;
  readonly params: ProblemParams | undefined;
  readonly field: string | undefined;
  constructor(readonly problem: Problem) {
    super(`refused: ${problem.code}`);
    this.name = "Refused";
    this.code = problem.code;
    this.params = problem.params;
    this.field = problem.field;
  }
}

/** The value of an outcome expected to be accepted; a refusal rejects as `Refused`. */
export async function accepted<T>(outcome: Promise<Outcome<T>> | Outcome<T>): Promise<T> {
  const r = await outcome;
  if (!r.ok) throw new Refused(r.error);
  return r.value;
}

/** The use-case with its refusals rejected as `Refused` (for tests written against values). */
export function acceptedOnly<A extends unknown[], T>(
  useCase: (...args: A) => Promise<Outcome<T>>,
): (...args: A) => Promise<T> {
  return (...args: A) => accepted(useCase(...args));
}

/** The problem an outcome was refused with; fails when it was accepted. */
export async function refusedWith<T>(outcome: Promise<Outcome<T>> | Outcome<T>): Promise<Problem> {
  const r = await outcome;
  if (r.ok) throw new Error("expected a refusal, but it was accepted");
  return r.error;
}

export const refusal = refusedWith;
