/**
 * Finansiering: the budget frames per year and kind with their history, the picture of frame
 * against committed, planned and expected benefits, and the secretary's changes to a frame.
 *
 * A change is written as two items: the change record (BudgetFrameChanges) and the frame
 * (BudgetFrames). Nothing is left half-written: the record is written first; if the frame's
 * write then fails, the record is removed again and the error passed on.
 */
import { ok, type Ref } from "../domain/common.js";
import {
  type BudgetFrameChange,
  type FrameEdit,
  frameHistory,
  type FrameHistoryEntry,
  type FrameKind,
  type FramePicture,
  framePicture,
  framesOf,
  mayEditFrames,
  validateFrameEdit,
} from "../domain/funding-frames.js";
import type { BudgetFrameId, InitiativeId } from "../domain/ids.js";
import { parseBudgetYears } from "../domain/intake.js";
import type { BudgetFrame } from "../domain/portfolio.js";
import { type Outcome, problem, refuse } from "../domain/problems.js";
import type { Me, Roster } from "../domain/roles.js";
import { SETTING_KEYS } from "../domain/strategy.js";
import type { FundingSource } from "../domain/vocabulary.js";
import type { CurrentUser, SitePeople } from "../ports/current-user.js";
import type { Repositories } from "../ports/repositories.js";
import { loadRoster } from "./portfolio-audit.js";

export interface FundingPorts {
  repositories: Repositories;
  currentUser: CurrentUser;
  people: SitePeople;
}

export interface FundingPage {
  me: Me;
  /** Whether this user may change frames (the secretary). */
  mayEdit: boolean;
  budgetYears: number[];
  frames: BudgetFrame[];
  picture: FramePicture;
  /** Counted changes per `frameKey(year, kind)`, newest first. */
  history: Map<string, FrameHistoryEntry[]>;
  /** Change records not written by the secretary: not counted, shown with who wrote them. */
  uncounted: BudgetFrameChange[];
}

async function budgetYearsOf(repositories: Repositories): Promise<number[]> {
  const settings = await repositories.settings.list({
    where: { key: SETTING_KEYS.budgetYears },
  });
  const setting = settings.find((s) => s.key === SETTING_KEYS.budgetYears);
  return setting ? parseBudgetYears(setting.value) : [];
}

/** Reads everything the Finansiering page shows (see FundingPage). */
export async function loadFundingPage(ports: FundingPorts): Promise<FundingPage> {
  const { repositories } = ports;
  const [me, budgetYears, frames, changes, lines, initiatives, scenarios, roster] =
    await Promise.all([
      ports.currentUser.me(),
      budgetYearsOf(repositories),
      repositories.budgetFrames.list(),
      repositories.budgetFrameChanges.list(),
      repositories.budgetLines.list(),
      repositories.initiatives.list(),
      repositories.scenarios.list(),
      loadRoster(ports.people).catch((): Roster => ({ rolesOf: () => [] })),
    ]);
  const planned: InitiativeId[] = scenarios
    .filter((s) => !s.committed)
    .flatMap((s) => s.selected.map((r) => r.id));
  const { byFrame, uncounted } = frameHistory(changes, roster);
  return {
    me,
    mayEdit: mayEditFrames(me),
    budgetYears,
    frames,
    picture: framePicture({ budgetYears, frames, lines, initiatives, planned }),
    history: byFrame,
    uncounted,
  };
}

export interface FrameSaved {
  frame: BudgetFrame;
  change: BudgetFrameChange;
}

const DEFAULT_SOURCE: Record<FrameKind, FundingSource> = {
  Anlæg: "Anlæg",
  Drift: "Driftsbudget",
};

/**
 * Sets the frame of a year and kind to an amount, with a reason: validated (every problem names
 * its field; see validateFrameEdit), only by the secretary, then the change record and the frame
 * are written (see the module comment). A year and kind with several frame items (one per
 * source) keeps the others: the item with the edit's source (or the first) takes the amount
 * that makes the year and kind's total the one asked for; without an item one is added.
 */
export async function saveFrame(
  ports: FundingPorts,
  edit: FrameEdit,
): Promise<Outcome<FrameSaved>> {
  const { repositories } = ports;
  const me = await ports.currentUser.me();
  if (!mayEditFrames(me)) return refuse("funding.problem.onlySecretary");
  const budgetYears = await budgetYearsOf(repositories);
  const problems = validateFrameEdit(edit, budgetYears);
  if (problems.length > 0) {
    const [first] = problems;
    return { ok: false, error: first ?? problem("funding.problem.invalid") };
  }
  const kind = edit.kind as FrameKind;
  const source = (edit.source as FundingSource | null) ?? null;
  const all = await repositories.budgetFrames.list();
  const items = framesOf(all, edit.year, kind);
  const target = items.find((f) => source !== null && f.source === source) ?? items[0] ?? null;
  const others = items.filter((f) => f !== target).reduce((s, f) => s + (f.amount ?? 0), 0);
  const own = edit.amount - others;
  if (own < 0) {
    return refuse("funding.problem.belowOtherSources", { others, year: edit.year, kind }, "amount");
  }
  const title = `${kind === "Anlæg" ? "Anlægsramme" : "Driftsramme"} ${edit.year}`;
  const frameRef = (f: BudgetFrame): Ref<BudgetFrameId> => ({ id: f.id, title: f.title });

  if (!target) {
    const frame = await repositories.budgetFrames.add({
      title,
      year: edit.year,
      kind,
      amount: own,
      source: source ?? DEFAULT_SOURCE[kind],
    });
    try {
      const change = await repositories.budgetFrameChanges.add({
        title: `${title}: ${edit.amount}`,
        frame: frameRef(frame),
        year: edit.year,
        kind,
        amount: edit.amount,
        source: frame.source,
        reason: edit.reason.trim(),
      });
      return ok({ frame, change });
    } catch (error) {
      await repositories.budgetFrames.remove(frame.id, frame.version).catch(() => undefined);
      throw error;
    }
  }

  const change = await repositories.budgetFrameChanges.add({
    title: `${target.title}: ${edit.amount}`,
    frame: frameRef(target),
    year: edit.year,
    kind,
    amount: edit.amount,
    source: source ?? target.source,
    reason: edit.reason.trim(),
  });
  try {
    const next: BudgetFrame = { ...target, amount: own, source: source ?? target.source };
    const version = await repositories.budgetFrames.update(next);
    return ok({ frame: { ...next, version }, change });
  } catch (error) {
    await repositories.budgetFrameChanges.remove(change.id, change.version).catch(() => undefined);
    throw error;
  }
}
