/**
 * The import page with in-memory repositories and a fake files port returning a table: who may
 * import, the four steps (file, columns, preview, import), per-row errors in Danish, the
 * progress and summary, a failed row retried alone, a conflicting update reported, throttling
 * shown when the adapter gives up, and long previews paged.
 */
import { deserialize, serialize } from "node:v8";

import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import axe from "axe-core";

import { StoreError } from "../../src/domain/errors.js";
import { idOf, type InitiativeId } from "../../src/domain/ids.js";
import type { BudgetLineDraft, InitiativeDraft } from "../../src/domain/portfolio.js";
import type { Me } from "../../src/domain/roles.js";
import type { Language } from "../../src/host/locale.js";
import type { ReadTable, SpreadsheetFiles } from "../../src/ports/files.js";
import type { PartResult } from "../../src/ports/repository.js";
import ImportView from "../../src/ui/import/ImportView.js";
import type { AppServices } from "../../src/ui/services.js";
import { anArea, anInitiative, aSetting } from "../support/builders.js";
import { me, member, secretary } from "../support/builders-lifecycle.js";
import { type MemoryRepositories, memoryRepositories } from "../support/memory-repositories.js";
import { fakeServices, renderWithProviders, withLayout } from "./support.js";

// The tables are virtualised: give them room to render their rows.
withLayout({ width: 1400, height: 900 });

// jsdom's window has no structuredClone; the in-memory repositories copy with it.
if (typeof globalThis.structuredClone !== "function") {
  globalThis.structuredClone = <T,>(value: T): T => deserialize(serialize(value)) as T;
}

const HEADERS = ["ID", "Titel", "Område", "Anlæg 2026", "Drift 2027"];

function csv(rows: string[][], headers = HEADERS): ReadTable {
  return { format: "csv", encoding: "utf-8", delimiter: ";", headers, rows };
}

function rows(n: number, from = 1): string[][] {
  return Array.from({ length: n }, (_, i) => [
    `KOMBIT-${from + i}`,
    `Tiltag ${from + i}`,
    "BKV",
    "100.000",
    "25000",
  ]);
}

interface Setup {
  as?: Me;
  read?: (name: string, options?: { sheet?: string }) => Promise<ReadTable>;
  language?: Language;
}

function setup(o: Setup & { table?: ReadTable } = {}) {
  const who = o.as ?? me(secretary, "secretary");
  const { memory, repositories } = memoryRepositories(() => who.person);
  memory.areas.seed({ ...anArea({ title: "Borger, Kultur og Velfærd", abbreviation: "BKV" }) });
  memory.settings.seed({ ...aSetting({ key: "budget.years", value: "2026,2027,2028,2029" }) });
  const reads: { name: string; sheet: string | undefined }[] = [];
  const files: SpreadsheetFiles = {
    importAccept: ".csv,.xlsx",
    readTable: (_bytes, name, options) => {
      reads.push({ name, sheet: options?.sheet });
      return o.read ? o.read(name, options) : Promise.resolve(o.table ?? csv(rows(3)));
    },
    writeWorkbook: () => Promise.reject(new Error("not used")),
  };
  const services: AppServices = {
    ...fakeServices({ me: () => Promise.resolve(who) }),
    repositories,
    files,
    people: { ensure: (upn) => Promise.reject(new StoreError("NotFound", upn)) },
  };
  renderWithProviders(<ImportView />, { services, language: o.language ?? "da" });
  return { memory, reads };
}

const text = (el: HTMLElement | null) => (el?.textContent ?? "").replace(/\s+/g, " ").trim();

async function pickFile(name = "liste.csv") {
  const input = await screen.findByLabelText("Fil (CSV eller Excel .xlsx)");
  // Reading the file is asynchronous: let it finish inside act.
  await act(async () => {
    fireEvent.change(input, { target: { files: [new File(["a;b\n1;2"], name)] } });
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

async function toMapping() {
  await pickFile();
  await screen.findByText(/CSV-fil »liste.csv«/);
  fireEvent.click(screen.getByRole("button", { name: "Videre til kolonner" }));
  await screen.findByRole("heading", { name: "2. Kolonner" });
  await screen.findByRole("combobox", { name: "Indlæses som, kolonnen »Titel«" });
}

/** To the preview; values the portfolio does not know are left unmapped in the value step. */
async function toPreview() {
  await toMapping();
  fireEvent.click(screen.getByRole("button", { name: "Vis forhåndsvisning" }));
  const next = await screen.findByRole("heading", {
    name: /^(3\. Forhåndsvisning|Værdier i filen)$/,
  });
  if (next.textContent === "Værdier i filen") {
    fireEvent.click(screen.getByRole("button", { name: "Vis forhåndsvisning" }));
  }
  await screen.findByRole("heading", { name: "3. Forhåndsvisning" });
}

async function choose(label: string, option: string) {
  fireEvent.click(screen.getByRole("combobox", { name: label }));
  fireEvent.click(await screen.findByRole("option", { name: option }));
}

/** Parts of a batched add for which `fails` is true fail with `error`; the rest are written. */
function failParts<D>(
  repo: MemoryRepositories["budgetLines"] | MemoryRepositories["initiatives"],
  fails: (part: D) => boolean,
  error: StoreError,
): () => void {
  const r = repo as unknown as {
    add: (d: D) => Promise<unknown>;
    addMany: (d: D[]) => Promise<PartResult<unknown>[]>;
  };
  const original = r.addMany;
  r.addMany = async (parts) => {
    const out: PartResult<unknown>[] = [];
    for (const p of parts) {
      out.push(fails(p) ? { ok: false, error } : { ok: true, value: await r.add(p) });
    }
    return out;
  };
  return () => {
    r.addMany = original;
  };
}

describe("who may import", () => {
  it("a member is told why not, and where to propose one initiative", async () => {
    setup({ as: me(member, "member") });
    expect(await screen.findByText("Kun sekretariatet og formanden kan importere")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Gå til Nyt forslag" }).getAttribute("href")).toBe(
      "#/portefolje/nyt",
    );
    expect(screen.queryByLabelText("Fil (CSV eller Excel .xlsx)")).toBeNull();
  });

  it("the chair may", async () => {
    setup({ as: me(secretary, "chair") });
    expect(await screen.findByLabelText("Fil (CSV eller Excel .xlsx)")).toBeTruthy();
  });
});

describe("step 1: the file", () => {
  it("has a labelled input with the accept list and says how the CSV was read", async () => {
    const { reads } = setup({ table: csv(rows(4)) });
    const input = await screen.findByLabelText("Fil (CSV eller Excel .xlsx)");
    expect(input.getAttribute("accept")).toBe(".csv,.xlsx");
    expect(screen.getByRole("button", { name: "Videre til kolonner" })).toHaveProperty(
      "disabled",
      true,
    );
    await pickFile();
    expect(text(await screen.findByText(/^CSV-fil »/))).toBe(
      "CSV-fil »liste.csv«: tegnsæt utf-8, adskilt med semikolon. 4 rækker og 5 kolonner.",
    );
    expect(reads).toEqual([{ name: "liste.csv", sheet: undefined }]);
    expect(screen.getByRole("button", { name: "Videre til kolonner" })).toHaveProperty(
      "disabled",
      false,
    );
  });

  it("an .xlsx names its worksheet, and another can be chosen", async () => {
    const book = (sheet: string): ReadTable => ({
      format: "xlsx",
      sheet,
      sheetNames: ["Forside", "Tiltag"],
      headers: HEADERS,
      rows: rows(sheet === "Tiltag" ? 2 : 1),
    });
    const { reads } = setup({ read: (_n, o) => Promise.resolve(book(o?.sheet ?? "Forside")) });
    await pickFile("kl.xlsx");
    expect(text(await screen.findByText(/^Excel-projektmappe »/))).toBe(
      "Excel-projektmappe »kl.xlsx«, regneark »Forside«. 1 række og 5 kolonner.",
    );
    fireEvent.click(screen.getByRole("combobox", { name: "Regneark" }));
    const option = await screen.findByRole("option", { name: "Tiltag" });
    await act(async () => {
      fireEvent.click(option);
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(text(await screen.findByText(/regneark »Tiltag«/))).toContain("2 rækker");
    expect(reads.map((r) => r.sheet)).toEqual([undefined, "Tiltag"]);
  });

  it("a file that cannot be read shows the adapter's Danish message", async () => {
    setup({
      read: (name) =>
        Promise.reject(
          new StoreError(
            "Invalid",
            `»${name}« er i det gamle Excel-format (.xls). Gem den i Excel som .xlsx eller CSV, og prøv igen.`,
          ),
        ),
    });
    await pickFile("gammel.xls");
    const alert = await screen.findByRole("alert");
    expect(text(alert)).toContain("Filen kunne ikke læses");
    expect(text(alert)).toContain("»gammel.xls« er i det gamle Excel-format (.xls).");
  });
});

describe("step 2: columns", () => {
  it("pre-fills every column from its header and blocks the preview on the domain's problems", async () => {
    setup();
    await toMapping();
    const value = (column: string) =>
      text(screen.getByRole("combobox", { name: `Indlæses som, kolonnen »${column}«` }));
    expect(HEADERS.map(value)).toEqual([
      "Ekstern reference",
      "Titel",
      "Område",
      "Anlæg 2026 (beløb)",
      "Drift 2027 (beløb)",
    ]);
    await choose("Indlæses som, kolonnen »Titel«", "Ignorér");
    expect(text(await screen.findByText("Vælg den kolonne, der indeholder titlen."))).toBeTruthy();
    expect(screen.getByRole("button", { name: "Vis forhåndsvisning" })).toHaveProperty(
      "disabled",
      true,
    );
    await choose("Indlæses som, kolonnen »Titel«", "Titel");
    await waitFor(() =>
      expect(screen.queryByText("Vælg den kolonne, der indeholder titlen.")).toBeNull(),
    );
    expect(screen.getByRole("button", { name: "Vis forhåndsvisning" })).toHaveProperty(
      "disabled",
      false,
    );
  });

  it("without an area column the whole file's area is chosen here", async () => {
    setup({
      table: csv([["Ny platform"]], ["Titel"]),
    });
    await toMapping();
    await choose(
      "Område for alle rækker (filen har ingen områdekolonne)",
      "Borger, Kultur og Velfærd",
    );
    fireEvent.click(screen.getByRole("button", { name: "Vis forhåndsvisning" }));
    expect(text(await screen.findByText(/klar,/))).toBe("1 klar, 0 med fejl");
  });
});

describe("step 3: preview", () => {
  it("counts, and each row's action and errors naming row and column", async () => {
    const table = csv([...rows(2), ["KOMBIT-9", "Forkert område", "Teknik", "1", "1"]]);
    setup({ table });
    await toPreview();
    expect(text(screen.getByText(/klar,/))).toBe("2 klar, 1 med fejl");
    // With errors, the rows with errors are shown first.
    const grid = screen.getByRole("table", { name: "Rækkerne i filen" });
    const body = within(grid).getAllByRole("row").slice(1).map(text);
    expect(body).toEqual([
      "4Forkert områdeFejl – importeres ikkeOmråde: »Teknik« er ikke et kendt område.",
    ]);
    await choose("Vis rækker", "Alle (3)");
    const all = within(screen.getByRole("table", { name: "Rækkerne i filen" }))
      .getAllByRole("row")
      .slice(1)
      .map(text);
    // The created rows note that the importer becomes their owner (the file names none).
    expect(all.map((r) => r.slice(0, 16))).toEqual([
      "2Tiltag 1OpretFi",
      "3Tiltag 2OpretFi",
      "4Forkert områdeF",
    ]);
    expect(screen.getByRole("button", { name: "Importér 2 rækker" })).toBeTruthy();
  });

  it("a long file is one table that tells its full size and renders only a screenful", async () => {
    setup({ table: csv(rows(120)) });
    await toPreview();
    expect(text(screen.getByText(/klar,/))).toBe("120 klar, 0 med fejl");
    const grid = screen.getByRole("table", { name: "Rækkerne i filen" });
    expect(grid.getAttribute("aria-rowcount")).toBe("121");
    const rendered = within(grid).getAllByRole("row").length - 1;
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(120);
  });
});

describe("step 4: import", () => {
  it("writes the rows with their budget lines, with progress and a summary; bad rows are not imported", async () => {
    const table = csv([...rows(3), ["KOMBIT-9", "", "BKV", "1", "1"]]);
    const { memory } = setup({ table });
    await toPreview();
    fireEvent.click(screen.getByRole("button", { name: "Importér 3 rækker" }));
    expect(await screen.findByRole("heading", { name: "4. Import" })).toBe(document.activeElement);
    expect(await screen.findByText("Importen er færdig")).toBeTruthy();
    expect(text(screen.getByRole("status"))).toBe(
      "3 af 3 rækker behandlet: 3 oprettet, 0 opdateret, 0 sprunget over, 0 fejlet. Bundt 1 af 1.",
    );
    expect(screen.getByRole("progressbar")).toBeTruthy();
    expect(text(screen.getByText(/^Oprettet:/))).toContain(
      "Oprettet: 3. Opdateret: 0. Sprunget over: 0. Fejlet: 0. 1 række med fejl i filen blev ikke importeret.",
    );
    expect(memory.initiatives.all().map((i) => i.title)).toEqual([
      "Tiltag 1",
      "Tiltag 2",
      "Tiltag 3",
    ]);
    expect(memory.budgetLines.all()).toHaveLength(6);
  });

  it("a row whose budget line fails is reported and undone; retry runs only that row", async () => {
    const { memory } = setup({ table: csv(rows(3)) });
    const restore = failParts<BudgetLineDraft>(
      memory.budgetLines,
      (l) => l.initiative?.title === "Tiltag 2" && l.kind === "Drift",
      new StoreError("Invalid", "Beløb er for stort."),
    );
    await toPreview();
    fireEvent.click(screen.getByRole("button", { name: "Importér 3 rækker" }));
    expect(await screen.findByText("Importen er færdig, men nogle rækker fejlede")).toBeTruthy();
    const failed = await screen.findByRole("region", { name: "Rækker, der fejlede" });
    expect(text(failed)).toContain(
      "Række 3 (»Tiltag 2«): en budgetlinje blev ikke gemt, så det, rækken havde skrevet, er fjernet igen. Beløb er for stort.",
    );
    expect(memory.initiatives.all().map((i) => i.title)).toEqual(["Tiltag 1", "Tiltag 3"]);

    restore();
    const adds = memory.initiatives.calls.filter(([m]) => m === "add").length;
    fireEvent.click(screen.getByRole("button", { name: "Prøv den fejlede række igen" }));
    expect(await screen.findByText("Importen er færdig")).toBeTruthy();
    expect(text(screen.getByText(/^Oprettet:/))).toContain("Oprettet: 3. Opdateret: 0");
    expect(memory.initiatives.calls.filter(([m]) => m === "add").length - adds).toBe(1);
    expect(
      memory.initiatives
        .all()
        .map((i) => i.title)
        .sort(),
    ).toEqual(["Tiltag 1", "Tiltag 2", "Tiltag 3"]);
    expect(memory.budgetLines.all()).toHaveLength(6);
  });

  it("an update of an initiative changed since the preview is reported, not overwritten", async () => {
    const { memory } = setup({ table: csv(rows(1)) });
    memory.initiatives.seed({
      ...anInitiative({ title: "Tiltag 1 (vores navn)", externalRef: "KOMBIT-1" }),
      id: idOf<InitiativeId>(40),
    });
    await toMapping();
    fireEvent.click(screen.getByRole("radio", { name: "Opdatér tiltaget med filens kolonner" }));
    fireEvent.click(screen.getByRole("button", { name: "Vis forhåndsvisning" }));
    await screen.findByRole("heading", { name: "3. Forhåndsvisning" });
    expect(text(screen.getByText(/^Opret:/))).toBe(
      "Opret: 0. Opdatér: 1. Spring over: 0. Tomme rækker: 0.",
    );
    memory.initiatives.touch(40, { title: "Rettet af formanden" });
    fireEvent.click(screen.getByRole("button", { name: "Importér 1 række" }));
    const failed = await screen.findByRole("region", { name: "Rækker, der fejlede" });
    expect(text(failed)).toContain(
      "Række 2 (»Tiltag 1«): tiltaget er ændret af en anden, siden filen blev gennemset. Intet er overskrevet.",
    );
    expect(memory.initiatives.all()[0]?.title).toBe("Rettet af formanden");
  });

  it("when the adapter gives up on throttling, the StoreError is shown and the rest is not tried", async () => {
    const { memory } = setup({ table: csv(rows(2)) });
    failParts<InitiativeDraft>(
      memory.initiatives,
      () => true,
      new StoreError("Throttled", "429", { retryAfter: 30 }),
    );
    await toPreview();
    fireEvent.click(screen.getByRole("button", { name: "Importér 2 rækker" }));
    const alert = await screen.findByRole("alert");
    expect(text(alert)).toContain("Importen stoppede");
    expect(text(alert)).toContain("SharePoint har travlt lige nu og beder os vente.");
    expect(text(alert)).toContain("(Ventetid: 30 s.)");
    expect(screen.getByRole("button", { name: "Prøv de 2 fejlede rækker igen" })).toBeTruthy();
    expect(memory.initiatives.all()).toEqual([]);
  });

  it("re-importing the same file finds nothing to create", async () => {
    const { memory } = setup({ table: csv(rows(2)) });
    await toPreview();
    fireEvent.click(screen.getByRole("button", { name: "Importér 2 rækker" }));
    await screen.findByText("Importen er færdig");
    fireEvent.click(screen.getByRole("button", { name: "Importér en anden fil" }));
    await toPreview();
    expect(text(screen.getByText(/klar,/))).toBe("0 klar, 0 med fejl");
    expect(text(screen.getByText(/^Opret:/))).toBe(
      "Opret: 0. Opdatér: 0. Spring over: 2. Tomme rækker: 0.",
    );
    expect(screen.getByRole("button", { name: "Importér 0 rækker" })).toHaveProperty(
      "disabled",
      true,
    );
    expect(memory.initiatives.all()).toHaveLength(2);
  });
});

describe("step 2: values and columns nothing reads", () => {
  const headers = ["Titel", "Kilde", "Område", "Kompetencer"];
  const file = csv(
    [
      ["Digital post", "Internt behov", "BKV", "Jura og GDPR"],
      ["Robotter", "Kaffeautomat", "BKV", ""],
    ],
    headers,
  );

  it("a column nothing reads is listed with where its content could go", async () => {
    setup({ table: file });
    await toMapping();
    const list = screen.getByRole("list", { name: "Kolonner, der ikke indlæses" });
    expect(text(list)).toBe(
      "»Kompetencer« (1 rækker med indhold): kan indlæses som Ressourcebehov – vælg det ovenfor.",
    );
  });

  it("unknown values are mapped in the wizard, suggested by synonym, and remembered for the next file", async () => {
    const { memory } = setup({ table: file });
    await toMapping();
    fireEvent.click(screen.getByRole("button", { name: "Vis forhåndsvisning" }));
    await screen.findByRole("heading", { name: "Værdier i filen" });
    const synonym = screen.getByRole("combobox", { name: "Betyder, Kilde »Internt behov«" });
    expect(text(synonym)).toBe("Fagområdets behov");
    expect(screen.getByText("kendt synonym")).toBeTruthy();
    await choose("Betyder, Kilde »Kaffeautomat«", "Lederforum");
    fireEvent.click(screen.getByRole("button", { name: "Vis forhåndsvisning" }));
    await screen.findByRole("heading", { name: "3. Forhåndsvisning" }, { timeout: 5000 });
    expect(text(screen.getByText(/klar,/))).toBe("2 klar, 0 med fejl");
    const stored = memory.settings.all().find((x) => x.key === "import.valueMap");
    expect(JSON.parse(stored?.value ?? "{}")).toEqual({
      source: { "internt behov": "Fagområdets behov", kaffeautomat: "Lederforum" },
      area: {},
    });
  });
});

describe("in English", () => {
  it("the steps, the counts and the rows' errors are translated", async () => {
    setup({ language: "en", table: csv([["K-1", "A", "Teknik", "", ""]]) });
    const input = await screen.findByLabelText("File (CSV or Excel .xlsx)");
    await act(async () => {
      fireEvent.change(input, { target: { files: [new File(["x"], "a.csv")] } });
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    await screen.findByText(/^CSV file “/);
    fireEvent.click(screen.getByRole("button", { name: "Continue to columns" }));
    await screen.findByRole("combobox", { name: "Load as, column “Titel”" });
    fireEvent.click(screen.getByRole("button", { name: "Show preview" }));
    await screen.findByRole("heading", { name: "Values in the file" });
    fireEvent.click(screen.getByRole("button", { name: "Show preview" }));
    expect(text(await screen.findByText(/ready,/))).toBe("0 ready, 1 with errors");
    expect(screen.getByText("Area: “Teknik” is not a known area.")).toBeTruthy();
  });
});

describe("accessibility", () => {
  async function violations(): Promise<string[]> {
    const result = await axe.run(document.body, {
      rules: { "color-contrast": { enabled: false } },
    });
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  }

  it("no serious or critical axe violations at any step; each step's heading takes the focus", async () => {
    setup({ table: csv([...rows(2), ["KOMBIT-9", "", "BKV", "1", "1"]]) });
    await pickFile();
    await screen.findByText(/^CSV-fil »/);
    expect(await violations()).toEqual([]);
    fireEvent.click(screen.getByRole("button", { name: "Videre til kolonner" }));
    await screen.findByRole("combobox", { name: "Indlæses som, kolonnen »Titel«" });
    expect(screen.getByRole("heading", { name: "2. Kolonner" })).toBe(document.activeElement);
    expect(await violations()).toEqual([]);
    fireEvent.click(screen.getByRole("button", { name: "Vis forhåndsvisning" }));
    await screen.findByRole("heading", { name: "3. Forhåndsvisning" });
    expect(screen.getByRole("heading", { name: "3. Forhåndsvisning" })).toBe(
      document.activeElement,
    );
    expect(await violations()).toEqual([]);
    fireEvent.click(screen.getByRole("button", { name: "Importér 2 rækker" }));
    await screen.findByText("Importen er færdig");
    expect(await violations()).toEqual([]);
  });
});
