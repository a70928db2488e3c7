/**
 * Nyt forslag with fake ports (in-memory repositories, a fake directory and site people):
 * required-field messages name the field, stand under it and in the error summary, which takes
 * focus and whose links move focus to the field; mandatory requires the deadline; the budget
 * grid; competence rows; the dependency picker; the owner picker; saving a draft and continuing
 * it, a draft saved elsewhere (Conflict) not overwritten, deleting a draft; handing in goes to
 * the new initiative's page with a confirmation; a failing budget line leaves nothing.
 */
import { deserialize, serialize } from "node:v8";

import { Toaster } from "@fluentui/react-components";
import { act, configure, fireEvent, screen, waitFor, within } from "@testing-library/react";
import axe from "axe-core";

import type { DirectoryPerson } from "../../src/domain/communication.js";
import { StoreError } from "../../src/domain/errors.js";
import { type AreaId, idOf, type InitiativeId, type PersonId } from "../../src/domain/ids.js";
import { intakePayload, readIntakePayload } from "../../src/domain/intake.js";
import type { Me } from "../../src/domain/roles.js";
import IntakeView from "../../src/ui/intake/IntakeView.js";
import type { AppServices } from "../../src/ui/services.js";
import { APP_TOASTER_ID } from "../../src/ui/shell/toaster.js";
import { anArea, anInitiative, aPerson, aSetting } from "../support/builders.js";
import { anEmptyIntake, anIntake } from "../support/builders-intake.js";
import { memoryRepositories } from "../support/memory-repositories.js";
import { renderWithProviders } from "./support.js";

// jsdom's window has no structuredClone (Node has); the in-memory repositories copy with it.
globalThis.structuredClone ??= <T,>(value: T): T => deserialize(serialize(value)) as T;

// The form is large and the test machine shared: give asynchronous queries time.
configure({ asyncUtilTimeout: 5000 });

const thomas = aPerson({
  id: idOf<PersonId>(21),
  name: "Thomas Berg",
  email: "thomas.berg@demokommune.onmicrosoft.com",
});
const sara = aPerson({
  id: idOf<PersonId>(22),
  name: "Sara Nielsen",
  email: "sara.nielsen@demokommune.onmicrosoft.com",
});
const me: Me = { person: thomas, roles: ["contributor"] };

const directoryPeople: DirectoryPerson[] = [
  { directoryId: "d-22", name: "Sara Nielsen", email: sara.email, department: "Dagtilbud" },
];

function setup(options: { budgetYears?: string | null } = {}) {
  const { memory, repositories } = memoryRepositories(() => thomas);
  if (options.budgetYears !== null) {
    memory.settings.seed(
      aSetting({
        title: "Budgetår",
        key: "budget.years",
        value: options.budgetYears ?? "2026,2027",
      }),
    );
  }
  memory.areas.seed(
    { ...anArea({ title: "Borger, Kultur og Velfærd" }), id: idOf<AreaId>(1) },
    { ...anArea({ title: "Teknik og Miljø", abbreviation: "TM" }), id: idOf<AreaId>(2) },
    {
      ...anArea({ title: "Nedlagt område", abbreviation: "NO", active: false }),
      id: idOf<AreaId>(3),
    },
  );
  const ensured: string[] = [];
  const searches: string[] = [];
  const unused = (port: string) =>
    new Proxy(
      {},
      {
        get: (_t, prop) => {
          throw new Error(`The test did not fake ${port}.${String(prop)}`);
        },
      },
    );
  const services: AppServices = {
    currentUser: { me: () => Promise.resolve(me) },
    people: {
      ensure: (upn) => {
        ensured.push(upn);
        const p = [thomas, sara].find((x) => x.email === upn);
        return p ? Promise.resolve(p) : Promise.reject(new StoreError("NotFound", upn));
      },
    },
    directory: {
      me: () => Promise.reject(new Error("not used")),
      findPeople: (text) => {
        searches.push(text);
        return Promise.resolve(
          directoryPeople.filter((p) => p.name.toLowerCase().startsWith(text.toLowerCase())),
        );
      },
      membersOf: () => Promise.resolve([]),
    },
    repositories,
    calendar: unused("calendar") as AppServices["calendar"],
    channel: unused("channel") as AppServices["channel"],
    mailer: unused("mailer") as AppServices["mailer"],
    files: unused("files") as AppServices["files"],
    clock: { now: () => new Date("2026-03-02T09:00:00Z") },
  };
  return { memory, repositories, services, ensured, searches };
}

function renderIntake(services: AppServices, draft: number | null = null) {
  const ui = (d: number | null) => (
    <>
      <IntakeView key={String(d)} draft={d} />
      <Toaster toasterId={APP_TOASTER_ID} />
    </>
  );
  const result = renderWithProviders(ui(draft), { services });
  return { ...result, show: (d: number | null) => result.rerender(ui(d)) };
}

beforeEach(() => {
  window.location.hash = "#/portefolje/nyt";
});

const value = (el: HTMLElement) => (el as HTMLInputElement).value;
const field = (name: string | RegExp) => screen.getByRole("textbox", { name });
const type = (name: string | RegExp, value: string) =>
  fireEvent.change(field(name), { target: { value } });

async function form() {
  return screen.findByRole("form", { name: "Forslaget" });
}

/** Opens a Fluent Dropdown by its label and picks an option. */
async function choose(label: string | RegExp, option: string) {
  fireEvent.click(screen.getByRole("combobox", { name: label }));
  fireEvent.click(await screen.findByRole("option", { name: option }));
}

async function fillRequired() {
  type("Titel", "Digital pladsanvisning");
  type("Resumé", "Forældre søger plads digitalt.");
  type("Behov", "Manuelle ansøgninger tager tid.");
  await choose("Kilde", "Fagområdets behov");
  await choose("Område", "Borger, Kultur og Velfærd");
}

const submit = () => fireEvent.click(screen.getByRole("button", { name: "Send forslag" }));
const saveDraft = () => fireEvent.click(screen.getByRole("button", { name: "Gem kladde" }));

describe("required fields and the error summary", () => {
  it("names each missing field in the summary, which takes focus; its links move focus to the field", async () => {
    const { services, memory } = setup();
    renderIntake(services);
    await form();
    // The owner is the signed-in user until another is chosen.
    expect(value(screen.getByRole("combobox", { name: "Ejer" }))).toBe("Thomas Berg");
    // Only active areas are offered.
    fireEvent.click(screen.getByRole("combobox", { name: "Område" }));
    expect((await screen.findAllByRole("option")).map((o) => o.textContent)).toEqual([
      "Borger, Kultur og Velfærd",
      "Teknik og Miljø",
    ]);
    fireEvent.keyDown(screen.getByRole("combobox", { name: "Område" }), { key: "Escape" });

    submit();

    const summary = await screen.findByRole("region", {
      name: "Forslaget kan ikke sendes ind endnu",
    });
    await waitFor(() => expect(document.activeElement).toBe(summary));
    expect(
      within(summary)
        .getAllByRole("link")
        .map((l) => l.textContent),
    ).toEqual([
      "Titel skal udfyldes.",
      "Resumé skal udfyldes.",
      "Behov skal udfyldes.",
      "Kilde skal udfyldes.",
      "Område skal udfyldes.",
    ]);
    // Each message also stands under its field and describes it.
    const summaryField = field("Resumé");
    expect(summaryField.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (summaryField.getAttribute("aria-describedby") ?? "").split(" ");
    expect(describedBy.map((id) => document.getElementById(id)?.textContent)).toContain(
      "Resumé skal udfyldes.",
    );

    fireEvent.click(within(summary).getByRole("link", { name: "Resumé skal udfyldes." }));
    expect(document.activeElement).toBe(summaryField);
    fireEvent.click(within(summary).getByRole("link", { name: "Kilde skal udfyldes." }));
    expect(document.activeElement).toBe(screen.getByRole("combobox", { name: "Kilde" }));
    expect(memory.initiatives.calls).toEqual([]);
  });

  it("a mandatory proposal needs its legal deadline", async () => {
    const { services, memory } = setup();
    renderIntake(services);
    await form();
    await fillRequired();
    fireEvent.click(screen.getByRole("checkbox", { name: "Tiltaget er lovpligtigt" }));

    submit();

    const summary = await screen.findByRole("region", {
      name: "Forslaget kan ikke sendes ind endnu",
    });
    const link = within(summary).getByRole("link", {
      name: "Lovkravsfrist skal udfyldes, når tiltaget er lovpligtigt.",
    });
    fireEvent.click(link);
    const deadline = screen.getByLabelText(/^Lovkravsfrist/);
    expect(document.activeElement).toBe(deadline);
    expect(memory.initiatives.calls).toEqual([]);

    fireEvent.change(deadline, { target: { value: "2027-01-01" } });
    submit();
    await waitFor(() => expect(memory.initiatives.all()).toHaveLength(1));
    // Handed in as an idea: whether it is mandatory is the committee's to record; the legal
    // deadline keeps the proposer's statement.
    expect(memory.initiatives.all()[0]).toMatchObject({
      mandatory: false,
      legalDeadline: "2027-01-01T00:00:00Z",
    });
  });
});

describe("accessibility", () => {
  it("the form, with its error summary and messages, has no serious or critical axe violations", async () => {
    const { services, memory } = setup();
    memory.personalItems.seed({
      title: "En kladde",
      kind: "Kladde",
      payload: intakePayload(anIntake()),
    });
    const { container } = renderIntake(services);
    await form();
    await screen.findByRole("link", { name: "En kladde" });
    fireEvent.click(screen.getByRole("button", { name: "Tilføj kompetence" }));
    fireEvent.click(screen.getByRole("checkbox", { name: "Tiltaget er lovpligtigt" }));
    submit();
    await screen.findByRole("region", { name: "Forslaget kan ikke sendes ind endnu" });

    const result = await axe.run(container, {
      runOnly: {
        type: "tag",
        values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
      },
      // jsdom has no layout or rendering: contrast is audited in the browser (e2e).
      rules: { "color-contrast": { enabled: false }, region: { enabled: false } },
      resultTypes: ["violations"],
    });
    // axe did audit the form (jsdom gives it the whole tree).
    expect(result.passes.length).toBeGreaterThan(10);
    expect(
      result.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    ).toEqual([]);
  });
});

describe("handing in", () => {
  it("writes the initiative in phase Idé and goes to its page with a confirmation", async () => {
    const { services, memory } = setup();
    renderIntake(services);
    await form();
    await fillRequired();
    type("Løsningsforslag", "Selvbetjening");
    type("Ekstern reference", "KOMBIT-42");

    submit();

    await waitFor(() => expect(window.location.hash).toMatch(/^#\/initiativ\/\d+$/));
    const [initiative] = memory.initiatives.all();
    expect(window.location.hash).toBe(`#/initiativ/${initiative!.id}`);
    expect(initiative).toMatchObject({
      title: "Digital pladsanvisning",
      phase: "Idé",
      source: "Fagområdets behov",
      area: { id: 1, title: "Borger, Kultur og Velfærd" },
      owner: thomas,
      solution: "Selvbetjening",
      externalRef: "KOMBIT-42",
    });
    expect(await screen.findByText("Forslaget er sendt ind")).toBeTruthy();
    expect(
      screen.getAllByText(/»Digital pladsanvisning« er oprettet i fasen Idé/).length,
    ).toBeGreaterThan(0);
  });

  it("a failing budget line leaves nothing written and says so; the form keeps what was typed", async () => {
    const { services, memory } = setup();
    renderIntake(services);
    await form();
    await fillRequired();
    type("Anlæg 2026", "100000");
    type("Drift 2027", "5000");
    memory.budgetLines.failNext("add", new StoreError("Unavailable", "SharePoint svarer ikke."));

    submit();

    await waitFor(() =>
      expect(memory.initiatives.calls.map(([m]) => m)).toEqual(["add", "remove"]),
    );
    const alert = await screen.findByText(/Forslaget kunne ikke sendes ind\. Intet er gemt/);
    expect(alert).toBeTruthy();
    expect(memory.initiatives.all()).toEqual([]);
    expect(memory.budgetLines.all()).toEqual([]);
    expect(window.location.hash).toBe("#/portefolje/nyt");
    expect(value(field("Titel"))).toBe("Digital pladsanvisning");
  });
});

describe("the budget grid", () => {
  it("has one named cell per budget year and kind, totals per kind, and writes the lines", async () => {
    const { services, memory } = setup();
    renderIntake(services);
    await form();
    const grid = screen.getByRole("table", { name: "Beløb i kroner pr. år og art" });
    expect(
      within(grid)
        .getAllByRole("textbox")
        .map((c) => c.getAttribute("aria-label")),
    ).toEqual([
      "Anlæg 2026",
      "Drift 2026",
      "Gevinst 2026",
      "Anlæg 2027",
      "Drift 2027",
      "Gevinst 2027",
    ]);
    expect(
      within(grid)
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toEqual(["År", "Anlæg", "Drift", "Gevinst"]);

    await fillRequired();
    type("Anlæg 2026", "400.000");
    type("Anlæg 2027", "100 000 kr.");
    type("Gevinst 2027", "250000");
    const totals = within(grid).getAllByRole("row").at(-1)!;
    expect(totals.textContent?.replace(/\s/g, " ")).toContain("500.000 kr.");

    type("Drift 2026", "mange");
    submit();
    const summary = await screen.findByRole("region", {
      name: "Forslaget kan ikke sendes ind endnu",
    });
    fireEvent.click(
      within(summary).getByRole("link", {
        name: "Budget 2026 (Drift): beløbet skal være et helt antal kroner.",
      }),
    );
    expect(document.activeElement).toBe(field("Anlæg 2026"));
    expect(
      screen.getByRole("group", { name: "Udgifter og gevinster pr. budgetår" }).textContent,
    ).toContain("Budget 2026 (Drift): beløbet skal være et helt antal kroner.");

    type("Drift 2026", "");
    submit();
    await waitFor(() => expect(memory.budgetLines.all()).toHaveLength(3));
    expect(
      memory.budgetLines.all().map((l) => [l.year, l.kind, l.amount, l.initiative?.title]),
    ).toEqual([
      [2026, "Anlæg", 400_000, "Digital pladsanvisning"],
      [2027, "Anlæg", 100_000, "Digital pladsanvisning"],
      [2027, "Gevinst", 250_000, "Digital pladsanvisning"],
    ]);
  });

  it("says so when no budget years are set up", async () => {
    const { services } = setup({ budgetYears: null });
    renderIntake(services);
    await form();
    expect(screen.getByText(/Der er ikke sat budgetår op i indstillingerne/)).toBeTruthy();
    expect(screen.queryByRole("table")).toBeNull();
  });
});

describe("competences", () => {
  it("adds and removes rows, moving focus sensibly, and writes them as the resource needs", async () => {
    const { services, memory } = setup();
    renderIntake(services);
    await form();
    await fillRequired();
    expect(screen.getByText("Ingen kompetencer tilføjet.")).toBeTruthy();

    const add = screen.getByRole("button", { name: "Tilføj kompetence" });
    fireEvent.click(add);
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole("combobox", { name: "Kompetence 1" })),
    );
    await choose("Kompetence 1", "It-arkitektur");
    type("Timer for kompetence 1", "120");
    fireEvent.click(add);
    await choose("Kompetence 2", "Test");
    fireEvent.click(add);
    await choose("Kompetence 3", "Jura og GDPR");
    type("Timer for kompetence 3", "12,5");

    submit();
    const summary = await screen.findByRole("region", {
      name: "Forslaget kan ikke sendes ind endnu",
    });
    expect(within(summary).getByRole("link").textContent).toBe(
      "Kompetence Test: timer skal udfyldes.",
    );

    fireEvent.click(screen.getByRole("button", { name: "Fjern kompetence 2" }));
    await waitFor(() => expect(document.activeElement).toBe(add));
    expect(screen.queryByRole("combobox", { name: "Kompetence 3" })).toBeNull();

    submit();
    await waitFor(() => expect(memory.initiatives.all()).toHaveLength(1));
    expect(memory.initiatives.all()[0]!.resourceNeeds).toBe(
      "It-arkitektur: 120 timer\nJura og GDPR: 12.5 timer",
    );
  });
});

describe("dependencies", () => {
  it("finds initiatives by title, lists the chosen ones with a remove button, and writes them", async () => {
    const { services, memory } = setup();
    memory.initiatives.seed(
      {
        ...anInitiative({ title: "Fælles datagrundlag", phase: "Planlægning" }),
        id: idOf<InitiativeId>(40),
      },
      { ...anInitiative({ title: "Datavarehus", phase: "Idé" }), id: idOf<InitiativeId>(41) },
      { ...anInitiative({ title: "Robotter i løn" }), id: idOf<InitiativeId>(42) },
    );
    renderIntake(services);
    await form();
    await fillRequired();

    const requires = screen.getByRole("combobox", { name: "Forudsætter" });
    fireEvent.change(requires, { target: { value: "data" } });
    fireEvent.click(
      await screen.findByRole("option", { name: "Fælles datagrundlag (Planlægning)" }),
    );
    const chosen = screen.getByRole("list", { name: "Forudsætter" });
    expect(within(chosen).getByText("Fælles datagrundlag")).toBeTruthy();
    expect(screen.getByText("Fælles datagrundlag er tilføjet.")).toBeTruthy();

    const excludes = screen.getByRole("combobox", { name: "Udelukker" });
    fireEvent.change(excludes, { target: { value: "data" } });
    fireEvent.click(await screen.findByRole("option", { name: "Datavarehus (Idé)" }));
    fireEvent.change(excludes, { target: { value: "data" } });
    fireEvent.click(
      await screen.findByRole("option", { name: "Fælles datagrundlag (Planlægning)" }),
    );

    submit();
    const summary = await screen.findByRole("region", {
      name: "Forslaget kan ikke sendes ind endnu",
    });
    expect(within(summary).getByRole("link").textContent).toBe(
      "Et tiltag kan ikke både være forudsat og udelukket: »Fælles datagrundlag«.",
    );
    fireEvent.click(
      within(screen.getByRole("list", { name: "Udelukker" })).getByRole("button", {
        name: "Fjern Fælles datagrundlag",
      }),
    );

    submit();
    await waitFor(() => expect(memory.initiatives.all()).toHaveLength(4));
    const written = memory.initiatives.all().at(-1)!;
    expect(written.requires).toEqual([{ id: 40, title: "Fælles datagrundlag" }]);
    expect(written.excludes).toEqual([{ id: 41, title: "Datavarehus" }]);
    // The search read only the picker's fields.
    expect(memory.initiatives.calls.find(([m]) => m === "list")?.[1]).toMatchObject({
      fields: ["title", "phase"],
      search: "data",
    });
  });
});

describe("the owner", () => {
  it("is found in the directory and made a user of the site", async () => {
    const { services, memory, ensured, searches } = setup();
    renderIntake(services);
    await form();
    await fillRequired();
    const owner = screen.getByRole("combobox", { name: "Ejer" });
    fireEvent.change(owner, { target: { value: "Sar" } });
    fireEvent.click(
      await screen.findByRole("option", { name: /Sara Nielsen \(sara\.nielsen@.*, Dagtilbud\)/ }),
    );
    await waitFor(() => expect(ensured).toEqual([sara.email]));
    // The directory was searched once the typing settled, not per keystroke.
    expect(searches).toEqual(["Sar"]);

    submit();
    await waitFor(() => expect(memory.initiatives.all()).toHaveLength(1));
    expect(memory.initiatives.all()[0]!.owner).toEqual(sara);
  });
});

describe("drafts", () => {
  it("saves a draft, gives it its own address, and continues it from there", async () => {
    const { services, memory } = setup();
    const view = renderIntake(services);
    await form();
    type("Titel", "Chatbot på hjemmesiden");
    type("Behov", "Mange spørgsmål om åbningstider.");
    type("Drift 2027", "30000");

    saveDraft();

    await waitFor(() => expect(memory.personalItems.all()).toHaveLength(1));
    const [item] = memory.personalItems.all();
    expect(item).toMatchObject({ title: "Chatbot på hjemmesiden", kind: "Kladde" });
    expect(readIntakePayload(item!.payload)).toMatchObject({
      title: "Chatbot på hjemmesiden",
      need: "Mange spørgsmål om åbningstider.",
      owner: thomas,
      money: [{ year: 2027, kind: "Drift", amount: 30_000 }],
    });
    expect(window.location.hash).toBe(`#/portefolje/nyt/${item!.id}`);
    expect(await screen.findByText("Kladden er gemt")).toBeTruthy();

    // The shell shows the draft's address: the form continues it.
    act(() => view.show(item!.id));
    expect(await screen.findByRole("heading", { name: "Nyt forslag (kladde)" })).toBeTruthy();
    await waitFor(() => expect(value(field("Titel"))).toBe("Chatbot på hjemmesiden"));
    expect(value(field("Behov"))).toBe("Mange spørgsmål om åbningstider.");
    expect(value(field("Drift 2027"))).toBe("30000");
    const mine = screen.getByRole("region", { name: "Mine kladder" });
    expect(
      within(mine).getByRole("link", { name: "Chatbot på hjemmesiden" }).getAttribute("href"),
    ).toBe(`#/portefolje/nyt/${item!.id}`);

    // Saving again updates the same draft.
    type("Resumé", "En chatbot svarer.");
    saveDraft();
    await waitFor(() =>
      expect(readIntakePayload(memory.personalItems.all()[0]!.payload)?.summary).toBe(
        "En chatbot svarer.",
      ),
    );
    expect(memory.personalItems.all()).toHaveLength(1);

    // Handing it in removes the draft.
    await choose("Kilde", "Lederforum");
    await choose("Område", "Teknik og Miljø");
    submit();
    await waitFor(() => expect(window.location.hash).toMatch(/^#\/initiativ\/\d+$/));
    expect(memory.personalItems.all()).toEqual([]);
    expect(memory.initiatives.all()[0]).toMatchObject({ title: "Chatbot på hjemmesiden" });
  });

  it("a draft needs a title to be saved", async () => {
    const { services, memory } = setup();
    renderIntake(services);
    await form();
    saveDraft();
    const summary = await screen.findByRole("region", { name: "Kladden kan ikke gemmes endnu" });
    expect(within(summary).getByRole("link").textContent).toBe("Titel skal udfyldes.");
    // Only my drafts were listed; nothing was written.
    expect(memory.personalItems.calls.map(([m]) => m)).toEqual(["list"]);
  });

  it("a draft saved elsewhere since is not overwritten; the user chooses", async () => {
    const { services, memory } = setup();
    const [item] = memory.personalItems.seed({
      title: "Kladde fra i går",
      kind: "Kladde",
      payload: intakePayload(anEmptyIntake({ title: "Kladde fra i går", owner: thomas })),
    });
    renderIntake(services, item!.id);
    await waitFor(() => expect(value(field("Titel"))).toBe("Kladde fra i går"));
    memory.personalItems.touch(item!.id, {
      title: "Fra den anden fane",
      payload: intakePayload(anEmptyIntake({ title: "Fra den anden fane", owner: thomas })),
    });

    type("Titel", "Denne fane");
    saveDraft();

    expect(await screen.findByText("Kladden er gemt et andet sted")).toBeTruthy();
    expect(memory.personalItems.all()).toHaveLength(1);
    expect(memory.personalItems.all()[0]!.title).toBe("Fra den anden fane");

    // Save mine as a new draft: both remain.
    fireEvent.click(screen.getByRole("button", { name: "Gem mine ændringer som ny kladde" }));
    await waitFor(() => expect(memory.personalItems.all()).toHaveLength(2));
    expect(memory.personalItems.all().map((i) => i.title)).toEqual([
      "Fra den anden fane",
      "Denne fane",
    ]);
  });

  it("loads the saved version after a conflict when asked", async () => {
    const { services, memory } = setup();
    const [item] = memory.personalItems.seed({
      title: "Kladde",
      kind: "Kladde",
      payload: intakePayload(anEmptyIntake({ title: "Kladde", owner: thomas })),
    });
    renderIntake(services, item!.id);
    await waitFor(() => expect(value(field("Titel"))).toBe("Kladde"));
    memory.personalItems.touch(item!.id, {
      payload: intakePayload(
        anEmptyIntake({ title: "Kladde", need: "Andet behov", owner: thomas }),
      ),
    });
    type("Behov", "Mit behov");
    saveDraft();
    fireEvent.click(await screen.findByRole("button", { name: "Hent den gemte version" }));
    await waitFor(() => expect(value(field("Behov"))).toBe("Andet behov"));

    // Now saving works on the version read.
    type("Behov", "Samlet behov");
    saveDraft();
    await waitFor(() =>
      expect(readIntakePayload(memory.personalItems.all()[0]!.payload)?.need).toBe("Samlet behov"),
    );
  });

  it("lists only my drafts and deletes one after confirmation", async () => {
    const { services, memory } = setup();
    memory.personalItems.seed(
      { title: "Første kladde", kind: "Kladde", payload: intakePayload(anIntake()) },
      { title: "Min visning", kind: "Visning", payload: "{}" },
    );
    renderIntake(services);
    const mine = await screen.findByRole("region", { name: "Mine kladder" });
    await within(mine).findByRole("link", { name: "Første kladde" });
    expect(within(mine).queryByText("Min visning")).toBeNull();

    fireEvent.click(within(mine).getByRole("button", { name: "Slet kladden Første kladde" }));
    const dialog = await screen.findByRole("dialog", { name: "Slet kladden?", hidden: true });
    // (jsdom: tabster's modalizer marks the surface aria-hidden while it opens.)
    fireEvent.click(within(dialog).getByRole("button", { name: "Slet kladden", hidden: true }));

    await waitFor(() => expect(memory.personalItems.all().map((i) => i.kind)).toEqual(["Visning"]));
    expect(await within(mine).findByText("Du har ingen gemte kladder.")).toBeTruthy();
    expect(screen.getByText("Kladden »Første kladde« er slettet.")).toBeTruthy();
  });

  it("a draft that is not found says so and offers a new form", async () => {
    const { services } = setup();
    renderIntake(services, 99);
    expect(await screen.findByText("Kladden kunne ikke hentes")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Start et nyt forslag" }).getAttribute("href")).toBe(
      "#/portefolje/nyt",
    );
  });
});
