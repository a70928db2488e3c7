/**
 * What the portfolio page reads and writes besides the checked initiatives
 * (portfolio-audit.ts): the user's saved views (PersonalItems of kind "Visning"; item-level
 * security keeps out others'), the areas to filter by, the decisions a phase change can refer
 * to, where a parked initiative may resume into, and the export of the rows in view.
 */
import type { Clock } from "../domain/clock.js";
import type { Ref } from "../domain/common.js";
import type { PortfolioColumnKey } from "../domain/export-columns.js";
import type { AreaId, InitiativeId } from "../domain/ids.js";
import type { Language } from "../domain/language.js";
import { parkedFromPhase } from "../domain/lifecycle.js";
import type { Decision } from "../domain/meetings.js";
import type { PersonalItem } from "../domain/personal.js";
import {
  exportColumnsFor,
  exportFileName,
  exportRowsFor,
  type PortfolioRow,
  savedViewItem,
  type ViewState,
} from "../domain/portfolio-view.js";
import type { Phase } from "../domain/vocabulary.js";
import type { SpreadsheetFiles } from "../ports/files.js";
import type { Repositories } from "../ports/repositories.js";
import { loadCheckedTransition } from "./phase-change.js";
import type { TrustPorts } from "./portfolio-audit.js";

/** My saved views, by name. */
export async function listSavedViews(repositories: Repositories): Promise<PersonalItem[]> {
  return (await repositories.personalItems.list({ where: { kind: "Visning" } })).sort((a, b) =>
    a.title.localeCompare(b.title, "da"),
  );
}

/** Saves the view under a new name. */
export function addSavedView(
  repositories: Repositories,
  name: string,
  state: ViewState,
): Promise<PersonalItem> {
  return repositories.personalItems.add(savedViewItem({ name, ...state }));
}

/** Saves the view over a saved one (with the version it was read at). */
export async function overwriteSavedView(
  repositories: Repositories,
  item: PersonalItem,
  state: ViewState,
): Promise<PersonalItem> {
  await repositories.personalItems.update({
    ...item,
    ...savedViewItem({ name: item.title, ...state }),
  });
  return item;
}

/** Deletes a saved view (with the version it was read at). */
export async function removeSavedView(
  repositories: Repositories,
  item: PersonalItem,
): Promise<PersonalItem> {
  await repositories.personalItems.remove(item.id, item.version);
  return item;
}

/** The areas to filter by, by title (Danish collation). */
export async function listAreaRefs(repositories: Repositories): Promise<Ref<AreaId>[]> {
  return (await repositories.areas.list())
    .map((a) => ({ id: a.id, title: a.title }))
    .sort((a, b) => a.title.localeCompare(b.title, "da"));
}

/** The decisions a phase change may refer to. */
export function listDecisions(repositories: Repositories): Promise<Decision[]> {
  return repositories.decisions.list();
}

/** Where a parked initiative may resume into, from its valid history (none when unknown). */
export async function parkedFrom(ports: TrustPorts, id: InitiativeId): Promise<Phase | null> {
  return parkedFromPhase((await loadCheckedTransition(ports, id)).facts.history);
}

/** The rows in view as a workbook with the chosen columns, and the file's name. */
export async function exportPortfolio(
  files: SpreadsheetFiles,
  clock: Clock,
  rows: readonly PortfolioRow[],
  columns: readonly PortfolioColumnKey[],
  language: Language,
): Promise<{ buffer: ArrayBuffer; file: string; count: number }> {
  const buffer = await files.writeWorkbook(
    exportRowsFor(rows),
    exportColumnsFor(columns),
    language,
  );
  return { buffer, file: exportFileName(clock), count: rows.length };
}
