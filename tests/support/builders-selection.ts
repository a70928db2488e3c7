/** Builders for the selection tests: candidates with a cost in one year and kind by default. */
import { idOf, type InitiativeId } from "../../src/domain/ids.js";
import type { SelectionCandidate } from "../../src/domain/selection.js";

export function aCandidate(
  id: number,
  value: number,
  anlaeg2026: number,
  o: Partial<SelectionCandidate> = {},
): SelectionCandidate {
  return {
    id: idOf<InitiativeId>(id),
    title: `Tiltag ${String.fromCharCode(64 + id)}`,
    value,
    costs: [{ year: 2026, kind: "Anlæg", amount: anlaeg2026 }],
    hours: [],
    ...o,
  };
}

/** A seeded generator (mulberry32), so random instances are the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
