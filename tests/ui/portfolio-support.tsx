/**
 * The portfolio view with in-memory repositories and a fake files port, for the portfolio UI
 * tests. jsdom has no layout, so elements get a fixed size and the virtualised table renders
 * its first screenful.
 */
import { deserialize, serialize } from "node:v8";

import { jest } from "@jest/globals";
import type { render } from "@testing-library/react";
import { act, configure, screen, within } from "@testing-library/react";

import type { ExportColumn, ExportLanguage } from "../../src/domain/export-columns.js";
import type { AreaId } from "../../src/domain/ids.js";
import type { Initiative, InitiativeDraft } from "../../src/domain/portfolio.js";
import type { Me } from "../../src/domain/roles.js";
import type { SpreadsheetFiles } from "../../src/ports/files.js";
import PortfolioView from "../../src/ui/portfolio/PortfolioView.js";
import type { AppServices } from "../../src/ui/services.js";
import { anInitiative, aRef } from "../support/builders.js";
import { aRecordOf, chair, me, member, owner, secretary } from "../support/builders-lifecycle.js";
import { type MemoryRepositories, memoryRepositories } from "../support/memory-repositories.js";
import { sitePeopleOf } from "../support/site-people.js";
import { fakeServices, renderWithProviders, withLayout as withSize } from "./support.js";

// jsdom's window has no structuredClone; the in-memory repositories copy with it.
if (typeof globalThis.structuredClone !== "function") {
  globalThis.structuredClone = <T,>(value: T): T => deserialize(serialize(value)) as T;
}

// Fluent's dialogs and menus open over a few frames; on a busy 2-core machine that can take
// longer than Testing Library's default second.
configure({ asyncUtilTimeout: 5000 });

export const NOW = new Date("2026-03-02T09:00:00Z");
export const asSecretary = me(secretary, "secretary");
export const asChair = me(chair, "chair");
export const asMember = me(member, "member");
export const asOwner = me(owner, "contributor");

export const AREAS = [
  aRef<AreaId>(1, "Økonomi og Styring"),
  aRef<AreaId>(2, "Børn, Unge og Læring"),
];

/** Elements with a size, so the table's rows render (see `withLayout` in support.tsx), and no saved view left over. */
export function withLayout() {
  withSize();
  beforeEach(() => window.localStorage.clear());
}

export type WriteWorkbook = (
  rows: readonly unknown[],
  columns: readonly ExportColumn<unknown>[],
  language: ExportLanguage,
) => Promise<ArrayBuffer>;

export interface Setup {
  memory: MemoryRepositories;
  services: AppServices;
  writeWorkbook: jest.Mock<WriteWorkbook>;
  /** Renders the view (again, as after a reload, with a fresh query cache). */
  show: () => ReturnType<typeof render>;
}

export function setup(
  options: { as?: Me; initiatives?: (Partial<InitiativeDraft> & { id?: number })[] } = {},
): Setup {
  const who = options.as ?? asSecretary;
  const { memory, repositories } = memoryRepositories(() => who.person);
  memory.areas.seed(
    ...AREAS.map((a) => ({
      id: a.id,
      title: a.title,
      abbreviation: a.title.slice(0, 3),
      head: null,
      representatives: [],
      active: true,
    })),
  );
  const seeded = memory.initiatives.seed(
    ...(options.initiatives ?? []).map(
      (o) => ({ ...anInitiative(o), ...o }) as Partial<Initiative>,
    ),
  );
  // What is stored is what counts: each initiative's gates come with their valid record.
  for (const i of seeded) memory.phaseChanges.seed(...aRecordOf(i));
  const writeWorkbook = jest.fn<WriteWorkbook>(() => Promise.resolve(new ArrayBuffer(16)));
  const files = {
    readTable: () => Promise.reject(new Error("not used")),
    writeWorkbook,
    importAccept: ".csv,.xlsx",
  } as unknown as SpreadsheetFiles;
  const services: AppServices = {
    ...fakeServices({ me: () => Promise.resolve(who) }),
    people: sitePeopleOf(asSecretary, asChair, asMember, asOwner),
    repositories,
    files,
    clock: { now: () => NOW },
  };
  const show = () => renderWithProviders(<PortfolioView />, { services });
  return { memory, services, writeWorkbook, show };
}

/** The list queries sent to the initiatives repository (fields, where …). */
export function initiativeLists(memory: MemoryRepositories) {
  return memory.initiatives.calls
    .filter(([m]) => m === "list")
    .map(([, q]) => q as { fields?: string[]; where?: Record<string, unknown> });
}

/**
 * The open dialog and queries inside it. In a browser Fluent moves focus into the dialog and
 * tabster's modalizer hides everything else from assistive technology; in jsdom that handover
 * sometimes never settles and leaves the dialog itself marked aria-hidden (it depends on timers
 * and the popups of earlier tests), so queries inside a dialog include aria-hidden elements.
 * The dialog's accessibility is checked in Chromium by the end-to-end tests (axe).
 */
export async function openDialog(name?: string | RegExp) {
  const dialog = await screen.findByRole(
    "dialog",
    name === undefined ? { hidden: true } : { hidden: true, name },
  );
  act(() => dialog.focus());
  const inside = within(dialog);
  return {
    dialog,
    getByRole: (role: string, options: { name?: string | RegExp } = {}) =>
      inside.getByRole(role, { ...options, hidden: true }),
    queryByRole: (role: string, options: { name?: string | RegExp } = {}) =>
      inside.queryByRole(role, { ...options, hidden: true }),
    getAllByRole: (role: string, options: { name?: string | RegExp } = {}) =>
      inside.getAllByRole(role, { ...options, hidden: true }),
  };
}
