/**
 * Statusrapporter with fake ports (in-memory repositories, a recording mailer): the owner's
 * form (RAG radio groups with words, draft, publish makes it read-only, missing fields named,
 * another tab's report loaded), and the secretary's missing list with reminders (one mail
 * each, escaped, a failure listed and resent alone).
 */
import v8 from "node:v8";

import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import axe from "axe-core";

import type { MailMessage } from "../../src/domain/communication.js";
import { StoreError } from "../../src/domain/errors.js";
import { idOf, type InitiativeId, type PersonId } from "../../src/domain/ids.js";
import type { Me } from "../../src/domain/roles.js";
import type { Language } from "../../src/host/locale.js";
import type { Mailer } from "../../src/ports/mail.js";
import type { Repositories } from "../../src/ports/repositories.js";
import type { AppServices } from "../../src/ui/services.js";
import StatusReportsView from "../../src/ui/status/StatusReportsView.js";
import { anInitiative, aPerson, aRef, aStatusReport } from "../support/builders.js";
import { aRecordOf, lead, me, owner, secretary } from "../support/builders-lifecycle.js";
import { memoryRepositories } from "../support/memory-repositories.js";
import { sitePeopleOf } from "../support/site-people.js";
import { renderWithProviders, withLayout } from "./support.js";

withLayout();

// jsdom's window has no structuredClone (Node has); the in-memory repositories copy with it.
globalThis.structuredClone ??= <T,>(value: T): T => {
  const copy: unknown = v8.deserialize(v8.serialize(value));
  return copy as T;
};

const NOW = new Date("2026-05-12T10:00:00Z"); // 2. kvartal 2026

function renderView(options: {
  who: Me;
  repositories: Repositories;
  mailer?: Mailer;
  language?: Language;
}) {
  const unused = new Proxy(
    {},
    {
      get: (_t, prop) => {
        throw new Error(`not faked: ${String(prop)}`);
      },
    },
  );
  const services = {
    currentUser: { me: () => Promise.resolve(options.who) },
    repositories: options.repositories,
    clock: { now: () => NOW },
    mailer: options.mailer ?? unused,
    people: sitePeopleOf(
      me(secretary, "secretary"),
      me(owner, "contributor"),
      me(lead, "contributor"),
      me(anne, "contributor"),
    ),
    calendar: unused,
    channel: unused,
    directory: unused,
    files: unused,
  } as unknown as AppServices;
  return renderWithProviders(<StatusReportsView />, {
    services,
    language: options.language ?? "da",
  });
}

const anne = aPerson({ id: idOf<PersonId>(40), name: "Anne Holm", email: "anne@x.dk" });

function data(who: Me) {
  const { memory, repositories } = memoryRepositories(() => who.person);
  const initiatives = memory.initiatives.seed(
    { ...anInitiative({ title: "Bookingsystem", phase: "Gennemførelse", owner }) },
    { ...anInitiative({ title: "Droner", phase: "Idé", owner }) },
    {
      ...anInitiative({ title: 'ESDH <b>"ny"</b>', phase: "I drift", owner: anne }),
    },
    {
      ...anInitiative({ title: "Chatbot", phase: "Planlægning", owner, projectLead: lead }),
    },
  );
  // Their phases come through the secretary's recorded changes (only those count).
  for (const i of initiatives) memory.phaseChanges.seed(...aRecordOf(i));
  memory.statusReports.seed({
    ...aStatusReport({
      initiative: aRef(1),
      period: "2026-Q1",
      reportKey: "1:2026-Q1",
      state: "Publiceret",
      overall: "Rød",
      overallText: "Leverandøren gik konkurs.",
      publishedAt: "2026-03-20T09:00:00Z",
    }),
  });
  return { memory, repositories };
}

async function articleFor(title: string) {
  const link = await screen.findByRole("link", { name: title });
  return link.closest("article")!;
}

function radioGroup(scope: HTMLElement, name: string) {
  return within(scope).getByRole("radiogroup", { name });
}

function choose(scope: HTMLElement, group: string, rag: "Grøn" | "Gul" | "Rød") {
  fireEvent.click(within(radioGroup(scope, group)).getByRole("radio", { name: rag }));
}

function type(scope: HTMLElement, label: string, text: string) {
  fireEvent.change(within(scope).getByRole("textbox", { name: label }), {
    target: { value: text },
  });
}

describe("the owner's status report", () => {
  test("shows only the owner's ongoing initiatives, with RAG radio groups named in words", async () => {
    const { repositories } = data(me(owner, "contributor"));
    renderView({ who: me(owner, "contributor"), repositories });
    expect(await screen.findByText("Rapporteringsperiode: 2. kvartal 2026")).toBeTruthy();
    const titles = screen.getAllByRole("heading", { level: 3 }).map((h) => h.textContent);
    expect(titles).toEqual(["Bookingsystem", "Chatbot"]);
    const booking = await articleFor("Bookingsystem");
    for (const name of [
      "Vurdering: Samlet status",
      "Vurdering: Omfang",
      "Vurdering: Tid",
      "Vurdering: Økonomi",
      "Vurdering: Gevinster",
    ]) {
      const group = radioGroup(booking, name);
      expect(
        within(group)
          .getAllByRole("radio")
          .map((r) => r.closest("span, div")!.textContent),
      ).toEqual(["Grøn", "Gul", "Rød"]);
      expect(
        within(group)
          .getAllByRole("radio")
          .every((r) => !(r as HTMLInputElement).checked),
      ).toBe(true);
    }
    expect(screen.queryByRole("heading", { name: "Mangler at rapportere" })).toBeNull();
  });

  test("saves a draft, then publishing freezes it read-only and sets the initiative's status", async () => {
    const { memory, repositories } = data(me(owner, "contributor"));
    renderView({ who: me(owner, "contributor"), repositories });
    const booking = await articleFor("Bookingsystem");
    choose(booking, "Vurdering: Samlet status", "Gul");
    type(booking, "Begrundelse: Samlet status", "To uger bagud.");
    fireEvent.click(within(booking).getByRole("button", { name: "Gem kladde" }));
    expect(await within(booking).findByText("Kladden er gemt.")).toBeTruthy();
    expect(memory.statusReports.all().find((r) => r.period === "2026-Q2")).toMatchObject({
      state: "Kladde",
      overall: "Gul",
      overallText: "To uger bagud.",
      reportKey: "1:2026-Q2",
    });

    for (const d of ["Omfang", "Tid", "Økonomi", "Gevinster"])
      choose(booking, `Vurdering: ${d}`, "Grøn");
    fireEvent.click(within(booking).getByRole("button", { name: "Publicér" }));
    // Asked first: what publishing does, with the status it sets.
    const dialog = await screen.findByRole("alertdialog", {
      name: /Publicér statusrapporten for Bookingsystem, 2\. kvartal 2026\?/,
    });
    expect(
      within(dialog).getByText(/^Samlet status: Gul\..*seneste status bliver Gul\./),
    ).toBeTruthy();
    fireEvent.click(within(dialog).getByRole("button", { name: "Publicér rapporten" }));
    expect(
      await within(booking).findByText(
        /Statusrapporten er publiceret\. Tiltagets seneste status er nu Gul\./,
      ),
    ).toBeTruthy();
    // Read-only now: no radios, no text boxes, no buttons for this period.
    expect(within(booking).queryAllByRole("radio")).toEqual([]);
    expect(within(booking).queryAllByRole("textbox")).toEqual([]);
    expect(within(booking).queryByRole("button", { name: "Publicér" })).toBeNull();
    expect(within(booking).getByText("Publiceret 12. maj 2026")).toBeTruthy();
    expect(within(booking).getByText("To uger bagud.")).toBeTruthy();
    const stored = memory.statusReports.all().filter((r) => r.period === "2026-Q2");
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ state: "Publiceret", snapshot: { phase: "Gennemførelse" } });
    expect((await memory.initiatives.get(idOf<InitiativeId>(1))).latestStatus).toBe("Gul");
  });

  test("publishing an incomplete report names each missing field in Danish and writes nothing", async () => {
    const { memory, repositories } = data(me(owner, "contributor"));
    renderView({ who: me(owner, "contributor"), repositories });
    const booking = await articleFor("Bookingsystem");
    choose(booking, "Vurdering: Samlet status", "Rød");
    choose(booking, "Vurdering: Tid", "Gul");
    fireEvent.click(within(booking).getByRole("button", { name: "Publicér" }));
    fireEvent.click(
      within(await screen.findByRole("alertdialog")).getByRole("button", {
        name: "Publicér rapporten",
      }),
    );
    const alert = await within(booking).findByRole("alert");
    expect(alert.textContent).toContain("Statusrapporten kan ikke publiceres endnu. Det mangler:");
    expect(
      within(alert)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual([
      "Samlet vurdering skal begrundes, når status er Rød.",
      "Omfang skal vurderes (grøn, gul eller rød).",
      "Tid skal begrundes, når status er Gul.",
      "Økonomi skal vurderes (grøn, gul eller rød).",
      "Gevinster skal vurderes (grøn, gul eller rød).",
    ]);
    // The message is at the field too, and the form stays editable.
    const overallText = within(booking).getByRole("textbox", {
      name: "Begrundelse: Samlet status",
    });
    expect(overallText.getAttribute("aria-invalid")).toBe("true");
    expect(within(booking).getAllByRole("radio").length).toBe(15);
    expect(memory.statusReports.all().filter((r) => r.period === "2026-Q2")).toEqual([]);
  });

  test("a draft without an overall status is refused naming it", async () => {
    const { memory, repositories } = data(me(owner, "contributor"));
    renderView({ who: me(owner, "contributor"), repositories });
    const booking = await articleFor("Bookingsystem");
    fireEvent.click(within(booking).getByRole("button", { name: "Gem kladde" }));
    const alert = await within(booking).findByRole("alert");
    expect(alert.textContent).toContain("Samlet status skal vurderes (grøn, gul eller rød).");
    expect(memory.statusReports.calls.filter(([m]) => m === "add")).toEqual([]);
  });

  test("when another tab created the period's report first, it is loaded and shown instead", async () => {
    const { memory, repositories } = data(me(owner, "contributor"));
    renderView({ who: me(owner, "contributor"), repositories });
    const booking = await articleFor("Bookingsystem");
    // Another tab saves a draft after this page was read; the store's unique key refuses ours.
    memory.statusReports.seed({
      ...aStatusReport({
        initiative: aRef(1),
        period: "2026-Q2",
        reportKey: "1:2026-Q2",
        overall: "Grøn",
        overallText: "Skrevet i den anden fane",
      }),
    });
    memory.statusReports.failNext("add", new StoreError("Conflict", "duplicate ReportKey"));
    choose(booking, "Vurdering: Samlet status", "Rød");
    fireEvent.click(within(booking).getByRole("button", { name: "Gem kladde" }));
    const alert = await within(booking).findByRole("alert");
    expect(alert.textContent).toContain("allerede oprettet eller ændret et andet sted");
    const overall = radioGroup(booking, "Vurdering: Samlet status");
    expect(within(overall).getByRole<HTMLInputElement>("radio", { name: "Grøn" }).checked).toBe(
      true,
    );
    expect(
      within(booking).getByRole<HTMLTextAreaElement>("textbox", {
        name: "Begrundelse: Samlet status",
      }).value,
    ).toBe("Skrevet i den anden fane");
    expect(memory.statusReports.all().filter((r) => r.period === "2026-Q2")).toHaveLength(1);
  });

  test("earlier periods' reports are shown read-only", async () => {
    const { repositories } = data(me(owner, "contributor"));
    renderView({ who: me(owner, "contributor"), repositories });
    const booking = await articleFor("Bookingsystem");
    const header = within(booking).getByRole("button", { name: "Tidligere rapporter (1)" });
    fireEvent.click(header);
    const q1 = await within(booking).findByRole("region", { name: "1. kvartal 2026" });
    expect(q1.textContent).toContain("Publiceret 20. marts 2026");
    expect(q1.textContent).toContain("Leverandøren gik konkurs.");
    expect(q1.textContent).toContain("Rød");
    expect(within(q1).queryAllByRole("radio")).toEqual([]);
  });

  test("the page has no serious or critical axe violations", async () => {
    const { repositories } = data(me(owner, "contributor"));
    const { container } = renderView({ who: me(owner, "contributor"), repositories });
    await articleFor("Bookingsystem");
    const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
    expect(
      result.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    ).toEqual([]);
  });
});

describe("the secretary's missing reports and reminders", () => {
  function recordingMailer(failFor: Set<string>) {
    const sent: MailMessage[] = [];
    const mailer: Mailer = {
      send: (m) => {
        if (m.to.some((a) => failFor.has(a))) {
          return Promise.reject(new StoreError("Throttled", "429", { retryAfter: 0 }));
        }
        sent.push(m);
        return Promise.resolve();
      },
    };
    return { sent, mailer };
  }

  test("lists who has not reported with owner and last report, and sends one mail per person", async () => {
    const { repositories } = data(me(secretary, "secretary"));
    const { sent, mailer } = recordingMailer(new Set());
    renderView({ who: me(secretary, "secretary"), repositories, mailer });
    const table = await screen.findByRole("table", { name: "Tiltag, der mangler statusrapport" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(
      rows.map((r) =>
        within(r)
          .getAllByRole("cell")
          .slice(1, 5)
          .map((c) => c.textContent),
      ),
    ).toEqual([
      ["Bookingsystem", "Sara Dahl", "Sara Dahl", "1. kvartal 2026: Rød"],
      ["Chatbot", "Sara Dahl", "Thomas Berg", "Ingen det seneste år"],
      ['ESDH <b>"ny"</b>', "Anne Holm", "Anne Holm", "Ingen det seneste år"],
    ]);
    expect(screen.queryByRole("heading", { name: "Mine tiltag" })).toBeNull();

    const send = screen.getByRole("button", { name: /Send påmindelse/ });
    expect(send.hasAttribute("disabled") || send.getAttribute("aria-disabled") === "true").toBe(
      true,
    );
    fireEvent.click(within(table).getByRole("checkbox", { name: "Vælg Bookingsystem" }));
    fireEvent.click(within(table).getByRole("checkbox", { name: 'Vælg ESDH <b>"ny"</b>' }));
    fireEvent.click(screen.getByRole("button", { name: "Send påmindelse (2 valgte)" }));
    expect(await screen.findByText("Påmindelse sendt til 2 personer.")).toBeTruthy();
    expect(sent.map((m) => m.to)).toEqual([["anne@x.dk"], ["sara@x.dk"]]);
    expect(sent[0]?.html).toContain("<li>ESDH &lt;b&gt;&quot;ny&quot;&lt;/b&gt;</li>");
    expect(sent[0]?.html).not.toContain("<b>");
    expect(sent[1]?.html).toContain("<li>Bookingsystem</li>");
    expect(sent[1]?.html).not.toContain("Chatbot");
    expect(sent[1]?.html).toContain('href="http://localhost/#/portefolje/status"');
    expect(sent[1]?.subject).toBe("Påmindelse: statusrapport for 2. kvartal 2026");
    const reminderCells = within(table)
      .getAllByRole("row")
      .slice(1)
      .map((r) => within(r).getAllByRole("cell")[5]?.textContent);
    // Chatbot's project lead was not selected: not reminded, and not shown as reminded.
    expect(reminderCells).toEqual(["Sendt", "Ikke sendt", "Sendt"]);
  });

  test("a throttled send is listed with its reason, nothing marked sent that was not, and retry sends only it", async () => {
    const { repositories } = data(me(secretary, "secretary"));
    const failing = new Set(["anne@x.dk"]);
    const { sent, mailer } = recordingMailer(failing);
    renderView({ who: me(secretary, "secretary"), repositories, mailer });
    const table = await screen.findByRole("table", { name: "Tiltag, der mangler statusrapport" });
    fireEvent.click(screen.getByRole("checkbox", { name: "Vælg alle" }));
    fireEvent.click(screen.getByRole("button", { name: "Send påmindelse (3 valgte)" }));
    expect(await screen.findByText("Påmindelse sendt til 2 personer.")).toBeTruthy();
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("1 påmindelse kunne ikke sendes");
    expect(alert.textContent).toContain(
      "Anne Holm: Microsoft 365 beder os vente, fordi der sendes mange mails lige nu.",
    );
    const cells = () =>
      within(table)
        .getAllByRole("row")
        .slice(1)
        .map((r) => within(r).getAllByRole("cell")[5]?.textContent);
    expect(cells()).toEqual(["Sendt", "Sendt", "Ikke sendt"]);
    expect(sent.map((m) => m.to[0])).toEqual(["sara@x.dk", "tb@x.dk"]);

    failing.clear();
    act(() => {
      fireEvent.click(
        within(alert).getByRole("button", { name: "Send igen til dem, der fejlede" }),
      );
    });
    await waitFor(() => expect(screen.queryByRole("alert")).toBeNull());
    expect(await screen.findByText("Påmindelse sendt til 1 person.")).toBeTruthy();
    expect(sent.map((m) => m.to[0])).toEqual(["sara@x.dk", "tb@x.dk", "anne@x.dk"]);
    expect(cells()).toEqual(["Sendt", "Sendt", "Sendt"]);
  });

  test("in English the list and the reminder texts are English", async () => {
    const { repositories } = data(me(secretary, "secretary"));
    renderView({ who: me(secretary, "secretary"), repositories, language: "en" });
    expect(await screen.findByText("Reporting period: Q2 2026")).toBeTruthy();
    expect(
      await screen.findByRole("table", { name: "Initiatives missing a status report" }),
    ).toBeTruthy();
    expect(screen.getByText("Q1 2026:", { exact: false }).textContent).toBe("Q1 2026: Red");
  });
});
