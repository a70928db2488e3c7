/**
 * Nyt forslag (issue 4 §1) through the ports: the intake context (the configured budget years),
 * the user's drafts in PersonalItems (kind `Kladde`, payload = the IntakeDraft as JSON; the list
 * has item-level security, so each user sees only their own), and handing a proposal in.
 *
 * Handing in writes the initiative (phase Idé) and its budget lines together; if any budget
 * line fails, what was written is removed again (the lines that were written, then the
 * initiative), so nothing half-written remains. Only then is the draft removed.
 *
 * A proposal is handed in as an idea: in Idé, without priority and not mandatory, as every
 * initiative starts (`INITIAL_GATES`). Whether it is mandatory is the committee's to record
 * (the chair or the secretary); the proposer's statement that it is a legal demand is kept as
 * its legal deadline, which the committee sees.
 */
import type { Person } from "../domain/common.js";
import { err, ok, type Result } from "../domain/common.js";
import type { DirectoryPerson } from "../domain/communication.js";
import { isStoreError, type StoreError } from "../domain/errors.js";
import type { PersonalItemId, Version } from "../domain/ids.js";
import {
  draftName,
  type IntakeContext,
  type IntakeDraft,
  intakePayload,
  parseBudgetYears,
  readIntakePayload,
  toIntakeWrite,
  validateIntake,
} from "../domain/intake.js";
import { INITIAL_GATES } from "../domain/lifecycle.js";
import type { PersonalItem } from "../domain/personal.js";
import type { Area, Initiative } from "../domain/portfolio.js";
import { type Outcome, refuse } from "../domain/problems.js";
import { SETTING_KEYS } from "../domain/strategy.js";
import type { FieldProblem } from "../domain/validation.js";
import type { SitePeople } from "../ports/current-user.js";
import type { Directory } from "../ports/directory.js";
import type { InitiativeSlice, Repositories } from "../ports/repositories.js";

/** A saved draft as the form holds on to it: which item, and the version it was read at. */
export interface DraftRef {
  id: PersonalItemId;
  version: Version;
}

/** A saved draft read back. */
export interface SavedDraft {
  item: PersonalItem;
  draft: IntakeDraft;
}

/**
 * What the form is checked against for a new proposal: the configured budget years (Settings
 * `budget.years`; none when the setting is missing). A new proposal is no initiative yet, so
 * nothing can require it and its `requires` cannot close a ring: the portfolio is not read.
 */
export async function loadIntakeContext(
  repositories: Repositories,
): Promise<Omit<IntakeContext, "mode">> {
  const settings = await repositories.settings.list({
    where: { key: SETTING_KEYS.budgetYears },
  });
  const setting = settings.find((s) => s.key === SETTING_KEYS.budgetYears);
  return {
    budgetYears: setting ? parseBudgetYears(setting.value) : [],
    self: null,
    portfolio: [],
  };
}

/** The signed-in user's drafts, last saved first (item-level security keeps out others'). */
export async function listMyDrafts(repositories: Repositories): Promise<PersonalItem[]> {
  const items = await repositories.personalItems.list({ where: { kind: "Kladde" } });
  return items
    .filter((i) => i.kind === "Kladde")
    .sort((a, b) => (a.modified < b.modified ? 1 : a.modified > b.modified ? -1 : 0));
}

/** Why a saved draft cannot be continued. */
export type DraftProblem = "intake.problem.notADraft" | "intake.problem.draftUnreadable";

/**
 * One saved draft. The store's `NotFound` when it does not exist or is someone else's
 * (item-level security); refused with `intake.problem.notADraft` when the item is not an intake
 * draft, and `intake.problem.draftUnreadable` when its payload cannot be read as one.
 */
export async function loadDraft(
  repositories: Repositories,
  id: number,
): Promise<Outcome<SavedDraft, DraftProblem>> {
  const item = await repositories.personalItems.get(id as PersonalItemId);
  if (item.kind !== "Kladde") return refuse("intake.problem.notADraft", { id });
  const draft = readIntakePayload(item.payload);
  if (draft === null) return refuse("intake.problem.draftUnreadable", { title: item.title });
  return ok({ item, draft });
}

/** The areas a proposal can belong to, by title. */
export function listAreas(repositories: Repositories): Promise<Area[]> {
  return repositories.areas.list({ orderBy: [{ field: "title" }] });
}

/** Initiatives whose title matches `search` (title and phase only: a narrow read). */
export function searchInitiatives(
  repositories: Repositories,
  search: string,
  limit: number,
): Promise<InitiativeSlice<"title" | "phase">[]> {
  return repositories.initiatives.list({
    fields: ["title", "phase"],
    search,
    orderBy: [{ field: "title" }],
    limit,
  });
}

/** People in the directory matching `search` (name or e-mail), at most `limit`. */
export function findPeople(
  directory: Directory,
  search: string,
  limit: number,
): Promise<DirectoryPerson[]> {
  return directory.findPeople(search, limit);
}

/** The site's own entry for a person chosen from the directory (made when it is missing). */
export function ensurePerson(people: SitePeople, email: string): Promise<Person> {
  return people.ensure(email);
}

/**
 * Saves the form as a draft to finish later: a new PersonalItem, or the one it was continued
 * from (`existing`, with the version it was read at). Refused with the domain's problems when
 * even a draft cannot be saved (it needs a title). A draft saved since in another tab makes
 * the store answer `Conflict`; it is rejected as such and never overwritten.
 */
export async function saveDraft(
  repositories: Repositories,
  draft: IntakeDraft,
  ctx: Omit<IntakeContext, "mode">,
  existing: DraftRef | null,
): Promise<Result<DraftRef, FieldProblem[]>> {
  const problems = validateIntake(draft, { ...ctx, mode: "draft" });
  if (problems.length > 0) return err(problems);
  const fields = {
    title: draftName(draft),
    kind: "Kladde" as const,
    payload: intakePayload(draft),
  };
  if (existing === null) {
    const item = await repositories.personalItems.add(fields);
    return ok({ id: item.id, version: item.version });
  }
  const version = await repositories.personalItems.update({ ...fields, ...existing });
  return ok({ id: existing.id, version });
}

/** Deletes a draft (with the version it was read at: a draft saved since is a `Conflict`). */
export function removeDraft(repositories: Repositories, draft: DraftRef): Promise<void> {
  return repositories.personalItems.remove(draft.id, draft.version);
}

/** Why a proposal was not handed in. */
export type SubmitRefusal =
  /** The form is not complete or not valid: nothing was written. */
  | { kind: "invalid"; problems: FieldProblem[] }
  /**
   * A budget line could not be written. `cleanedUp`: what was written was removed again (the
   * normal case); false when removing it failed too, and `left` says what remains.
   */
  | {
      kind: "budgetLine";
      error: StoreError;
      cleanedUp: boolean;
      left: { initiative: Initiative | null; budgetLines: number };
    };

export interface Submitted {
  initiative: Initiative;
  /** The draft it came from could not be removed (e.g. saved since in another tab). */
  draftLeft: StoreError | null;
}

async function settled(work: Promise<unknown>): Promise<StoreError | null> {
  try {
    await work;
    return null;
  } catch (e) {
    if (isStoreError(e)) return e;
    throw e;
  }
}

/**
 * Hands the proposal in: the initiative in phase Idé with its budget lines
 * (`initiatives.addWithBudget`), then removes the draft it was continued from (`fromDraft`).
 * Store errors before anything is written reject as `StoreError`.
 */
export async function submitProposal(
  repositories: Repositories,
  draft: IntakeDraft,
  ctx: Omit<IntakeContext, "mode">,
  fromDraft: DraftRef | null,
): Promise<Result<Submitted, SubmitRefusal>> {
  const write = toIntakeWrite(draft, ctx);
  if (!write.ok) return err({ kind: "invalid", problems: write.error });
  const lines = write.value.budgetLines.map(({ initiative: _none, ...line }) => line);
  const { initiative, budgetLines } = await repositories.initiatives.addWithBudget(
    { ...write.value.initiative, ...INITIAL_GATES },
    lines,
  );

  const failed = budgetLines.find((l) => !l.ok);
  if (failed && !failed.ok) {
    // Put back: the lines that were written, then the initiative.
    const written = budgetLines.flatMap((l) =>
      l.ok ? [{ id: l.value.id, version: l.value.version }] : [],
    );
    let linesLeft = 0;
    if (written.length > 0) {
      const removed = await repositories.budgetLines
        .removeMany(written)
        .catch((e: unknown) => written.map(() => ({ ok: false as const, error: e })));
      linesLeft = removed.filter((r) => !r.ok).length;
    }
    // An initiative whose lines could not be removed stays, so the lines are not orphaned.
    const initiativeLeft =
      linesLeft > 0 ||
      (await settled(repositories.initiatives.remove(initiative.id, initiative.version))) !== null;
    return err({
      kind: "budgetLine",
      error: failed.error,
      cleanedUp: !initiativeLeft,
      left: { initiative: initiativeLeft ? initiative : null, budgetLines: linesLeft },
    });
  }

  const draftLeft = fromDraft === null ? null : await settled(removeDraft(repositories, fromDraft));
  return ok({ initiative, draftLeft });
}
