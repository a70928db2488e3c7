/** Builders for the intake form's draft and its context. */
import { idOf, type InitiativeId } from "../../src/domain/ids.js";
import type { IntakeContext, IntakeDraft } from "../../src/domain/intake.js";
import { aRef } from "./builders.js";
import { owner } from "./builders-lifecycle.js";

/** A proposal ready to be handed in. */
export function anIntake(o: Partial<IntakeDraft> = {}): IntakeDraft {
  return {
    title: "Digital pladsanvisning i dagtilbud",
    summary: "Forældre søger plads digitalt.",
    need: "Manuelle ansøgninger tager tid.",
    solution: "Selvbetjeningsløsning koblet til fagsystemet.",
    source: "Fagområdets behov",
    area: aRef(1, "Borger, Kultur og Velfærd"),
    owner,
    mandatory: false,
    legalDeadline: null,
    expectedBenefits: "Færre henvendelser.",
    money: [
      { year: 2026, kind: "Anlæg", amount: 400_000 },
      { year: 2027, kind: "Drift", amount: 120_000 },
      { year: 2027, kind: "Gevinst", amount: 300_000 },
    ],
    competences: [{ competence: "It-arkitektur", hours: 120 }],
    requires: [],
    excludes: [],
    externalRef: "",
    ...o,
  };
}

/** The empty form, as a new proposal starts. */
export function anEmptyIntake(o: Partial<IntakeDraft> = {}): IntakeDraft {
  return anIntake({
    title: "",
    summary: "",
    need: "",
    solution: "",
    source: null,
    area: null,
    owner: null,
    expectedBenefits: "",
    money: [],
    competences: [],
    ...o,
  });
}

export function anIntakeContext(o: Partial<IntakeContext> = {}): IntakeContext {
  return {
    mode: "submit",
    budgetYears: [2026, 2027, 2028, 2029],
    self: null,
    portfolio: [],
    ...o,
  };
}

export const iid = (n: number) => idOf<InitiativeId>(n);
