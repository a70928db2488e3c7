/** Builders for the Finansiering tests: stored frames, budget lines and frame changes. */
import type { Person } from "../../src/domain/common.js";
import type { BudgetFrameChange, BudgetFrameChangeDraft } from "../../src/domain/funding-frames.js";
import { versionOf } from "../../src/domain/ids.js";
import type { BudgetFrame, BudgetLine } from "../../src/domain/portfolio.js";
import { aBudgetFrame, aBudgetLine, aRef } from "./builders.js";
import { secretary } from "./builders-lifecycle.js";

interface Audit {
  id?: number;
  created?: string;
  createdBy?: Person | null;
}

function stored<T>(draft: object, o: Audit): T {
  const by = o.createdBy === undefined ? secretary : o.createdBy;
  return {
    ...draft,
    id: o.id ?? 1,
    version: versionOf("1"),
    created: o.created ?? "2026-03-10T12:00:00Z",
    modified: o.created ?? "2026-03-10T12:00:00Z",
    createdBy: by,
    modifiedBy: by,
  } as T;
}

function split<T extends Audit>(o: T): [Audit, Omit<T, keyof Audit>] {
  const { id, created, createdBy, ...rest } = o;
  return [{ id, created, createdBy }, rest];
}

export function aStoredFrame(
  o: Partial<Parameters<typeof aBudgetFrame>[0]> & Audit = {},
): BudgetFrame {
  const [audit, rest] = split(o);
  return stored(aBudgetFrame(rest), audit);
}

export function aStoredLine(
  o: Partial<Parameters<typeof aBudgetLine>[0]> & Audit = {},
): BudgetLine {
  const [audit, rest] = split(o);
  return stored(aBudgetLine(rest), audit);
}

export function aFrameChange(o: Partial<BudgetFrameChangeDraft> = {}): BudgetFrameChangeDraft {
  return {
    title: "Anlægsramme 2026: 10000000",
    frame: aRef(1, "Anlægsramme 2026"),
    year: 2026,
    kind: "Anlæg",
    amount: 10_000_000,
    source: "Anlæg",
    reason: "Økonomiudvalget har givet en tillægsbevilling.",
    ...o,
  };
}

export function aStoredFrameChange(
  o: Partial<BudgetFrameChangeDraft> & Audit = {},
): BudgetFrameChange {
  const [audit, rest] = split(o);
  return stored(aFrameChange(rest), audit);
}
