/**
 * Ressourcer with in-memory repositories: the heatmap marks an over-allocation (with words, not
 * colour alone) and names the initiatives on focus and hover, arrow keys move between cells;
 * the register refuses capacity 0 for a person with hours; an area head answers a request the
 * link points at; the allocation grid copies a month forward, refuses negative hours naming the
 * cell and writes nothing; axe finds no serious or critical violation.
 */
import v8 from "node:v8";

import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import axe from "axe-core";

import type { MailMessage } from "../../src/domain/communication.js";
import { type AreaId, idOf, type PersonId, type ResourceId } from "../../src/domain/ids.js";
import type { Me } from "../../src/domain/roles.js";
import type { Repositories } from "../../src/ports/repositories.js";
import { AllocationGridSection } from "../../src/ui/resources/AllocationGridSection.js";
import ResourcesView from "../../src/ui/resources/ResourcesView.js";
import type { AppServices } from "../../src/ui/services.js";
import { anAllocation, anArea, aPerson, aResource, aResourceRequest } from "../support/builders.js";
import { aStoredInitiative, me, member, secretary } from "../support/builders-lifecycle.js";
import { initiativeRef, resourceRef } from "../support/builders-resources.js";
import { memoryRepositories } from "../support/memory-repositories.js";
import { sitePeopleOf } from "../support/site-people.js";
import { renderWithProviders, withLayout } from "./support.js";

withLayout();

globalThis.structuredClone ??= <T,>(value: T): T => {
  const copy: unknown = v8.deserialize(v8.serialize(value));
  return copy as T;
};

const NOW = new Date("2026-03-02T09:00:00Z");
const head = aPerson({ id: idOf<PersonId>(21), name: "Hanne Chef", email: "hanne@x.dk" });

function data(who: () => Me) {
  const { memory, repositories } = memoryRepositories(() => who().person);
  memory.areas.seed({ id: idOf<AreaId>(1), ...anArea({ title: "Teknik og Miljø", head }) });
  memory.initiatives.seed(
    aStoredInitiative({ id: 1, title: "Alfa", phase: "Gennemførelse" }),
    aStoredInitiative({ id: 2, title: "Beta", phase: "Planlægning" }),
  );
  memory.resources.seed({
    id: idOf<ResourceId>(1),
    ...aResource({ title: "Anna Test", competences: ["Test"], capacityHoursPerMonth: 40 }),
  });
  memory.allocations.seed(
    {
      ...anAllocation({
        initiative: initiativeRef(1, "Alfa"),
        resource: resourceRef(1, "Anna Test"),
        competence: "Test",
        month: "2026-03-01T00:00:00Z",
        hours: 30,
      }),
      createdBy: secretary,
    },
    {
      ...anAllocation({
        initiative: initiativeRef(2, "Beta"),
        resource: resourceRef(1, "Anna Test"),
        competence: "Test",
        month: "2026-03-01T00:00:00Z",
        hours: 20,
      }),
      createdBy: secretary,
    },
  );
  memory.resourceRequests.seed({
    id: 5 as never,
    ...aResourceRequest({
      title: "Tester til Beta",
      area: { id: idOf<AreaId>(1), title: "Teknik og Miljø" },
      initiative: initiativeRef(2, "Beta"),
      competence: "Test",
      hours: 20,
      neededFrom: "2026-05-01T00:00:00Z",
      neededTo: "2026-06-30T00:00:00Z",
    }),
    createdBy: secretary,
  });
  return { memory, repositories };
}

function renderView(who: Me, repositories: Repositories, ui = <ResourcesView />) {
  const mails: MailMessage[] = [];
  const services = {
    currentUser: { me: () => Promise.resolve(who) },
    repositories,
    clock: { now: () => NOW },
    mailer: { send: (m: MailMessage) => Promise.resolve(void mails.push(m)) },
    people: {
      ...sitePeopleOf(me(secretary, "secretary"), me(member, "member"), me(head, "member")),
      ensure: (email: string) => Promise.resolve(aPerson({ email })),
    },
  } as unknown as AppServices;
  return { mails, ...renderWithProviders(ui, { services }) };
}

describe("the capacity heatmap", () => {
  it("marks the over-allocated month with words and names the initiatives on focus", async () => {
    const who = me(secretary, "secretary");
    const { repositories } = data(() => who);
    renderView(who, repositories);
    const grid = await screen.findByRole("grid", { name: /pr\. kompetence/i });
    const over = within(grid)
      .getByText(/overbooket/)
      .closest("td") as HTMLElement;
    expect(over.textContent).toContain("50 / 40");
    fireEvent.focus(over);
    const detail = await screen.findByRole("tooltip");
    expect(detail.textContent).toContain("Alfa: 30 timer");
    expect(detail.textContent).toContain("Beta: 20 timer");
    expect(detail.textContent).toContain("10 timer for meget");
    expect(over.getAttribute("aria-describedby")).toBe(detail.id);
  });

  it("shows the detail on hover too, and arrow keys move between cells", async () => {
    const who = me(member, "member");
    const { repositories } = data(() => who);
    renderView(who, repositories);
    const grid = await screen.findByRole("grid", { name: /pr\. kompetence/i });
    const cells = within(grid).getAllByRole("gridcell");
    fireEvent.mouseOver(cells[0] as HTMLElement);
    expect((await screen.findByRole("tooltip")).textContent).toContain("Alfa");
    (cells[0] as HTMLElement).focus();
    fireEvent.keyDown(cells[0] as HTMLElement, { key: "ArrowRight" });
    expect(document.activeElement).toBe(cells[1]);
    expect((cells[1] as HTMLElement).tabIndex).toBe(0);
    expect((cells[0] as HTMLElement).tabIndex).toBe(-1);
  });

  it("shows the same per person", async () => {
    const who = me(member, "member");
    const { repositories } = data(() => who);
    renderView(who, repositories);
    fireEvent.click(await screen.findByRole("tab", { name: "Pr. person" }));
    const grid = await screen.findByRole("grid", { name: /pr\. person/i });
    expect(within(grid).getByRole("rowheader", { name: "Anna Test" })).toBeTruthy();
    expect(within(grid).getByText(/overbooket/)).toBeTruthy();
  });
});

describe("the register", () => {
  it("refuses capacity 0 for a person with hours allocated, naming the field", async () => {
    const who = me(secretary, "secretary");
    const { repositories, memory } = data(() => who);
    renderView(who, repositories);
    fireEvent.click(await screen.findByRole("button", { name: "Rediger Anna Test" }));
    const capacity = screen.getByLabelText("Kapacitet (timer pr. måned)");
    fireEvent.change(capacity, { target: { value: "0" } });
    fireEvent.click(screen.getByRole("button", { name: "Gem" }));
    expect(
      (await screen.findAllByText(/kapacitet 0 og kan ikke have allokerede timer/)).length,
    ).toBeGreaterThan(0);
    expect((await memory.resources.get(idOf<ResourceId>(1))).capacityHoursPerMonth).toBe(40);
  });

  it("a member cannot edit the register or send requests", async () => {
    const who = me(member, "member");
    const { repositories } = data(() => who);
    renderView(who, repositories);
    await screen.findByRole("grid", { name: /pr\. kompetence/i });
    expect(screen.queryByRole("button", { name: "Tilføj person" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Indkald ressourcer" })).toBeNull();
  });
});

describe("resource requests", () => {
  afterEach(() => {
    window.location.hash = "";
  });

  it("the area head opens the request the mail links to and confirms it: it becomes allocations", async () => {
    const who = me(head, "member");
    const { repositories, memory } = data(() => who);
    window.location.hash = "#/ressourcer#anmodning-5";
    renderView(who, repositories);
    const panel = await screen.findByTestId("request-panel-5");
    fireEvent.change(within(panel).getByLabelText("Person, der stilles til rådighed"), {
      target: { value: "1" },
    });
    fireEvent.click(within(panel).getByRole("button", { name: "Bekræft" }));
    await waitFor(async () =>
      expect((await memory.resourceRequests.get(5 as never)).state).toBe("Bekræftet"),
    );
    const created = (await memory.allocations.list()).filter((a) => a.request);
    expect(created.map((a) => [a.month.slice(0, 7), a.hours, a.resource?.id])).toEqual([
      ["2026-05", 10, 1],
      ["2026-06", 10, 1],
    ]);
  });

  it("a refusal without a reason is refused, naming the field", async () => {
    const who = me(head, "member");
    const { repositories, memory } = data(() => who);
    window.location.hash = "#/ressourcer#anmodning-5";
    renderView(who, repositories);
    const panel = await screen.findByTestId("request-panel-5");
    fireEvent.click(within(panel).getByRole("button", { name: "Afvis" }));
    expect(
      (await within(panel).findAllByText(/Begrundelse for afslag skal udfyldes/)).length,
    ).toBeGreaterThan(0);
    expect((await memory.resourceRequests.get(5 as never)).state).toBe("Anmodet");
  });

  it("the secretary sends a request; the area head gets a mail with a link to it", async () => {
    const who = me(secretary, "secretary");
    const { repositories, memory } = data(() => who);
    const { mails } = renderView(who, repositories);
    fireEvent.click(await screen.findByRole("button", { name: "Indkald ressourcer" }));
    const form = screen.getByRole("form", { name: "Indkald ressourcer fra et område" });
    fireEvent.change(within(form).getByLabelText(/Emne/), { target: { value: "Jurist til Alfa" } });
    fireEvent.change(within(form).getByLabelText(/Område/), { target: { value: "1" } });
    fireEvent.change(within(form).getByLabelText(/Tiltag/), { target: { value: "1" } });
    fireEvent.change(within(form).getByLabelText(/Kompetence/), {
      target: { value: "Jura og GDPR" },
    });
    fireEvent.change(within(form).getByLabelText(/Timer/), { target: { value: "12" } });
    fireEvent.change(within(form).getByLabelText(/Behov fra/), { target: { value: "2026-04-01" } });
    fireEvent.click(within(form).getByRole("button", { name: "Send indkaldelse" }));
    await waitFor(() => expect(mails).toHaveLength(1));
    const stored = (await memory.resourceRequests.list()).find(
      (r) => r.title === "Jurist til Alfa",
    );
    expect(stored?.state).toBe("Anmodet");
    expect(mails[0]?.to).toEqual(["hanne@x.dk"]);
    expect(mails[0]?.html).toContain(`#/ressourcer#anmodning-${stored?.id}`);
  });
});

describe("the allocation grid on the initiative page", () => {
  it("copies a month to the next ones and saves the grid", async () => {
    const who = me(secretary, "secretary");
    const { repositories, memory } = data(() => who);
    const initiative = await repositories.initiatives.get(1 as never);
    renderView(who, repositories, <AllocationGridSection initiative={initiative} />);
    const row = await screen.findByTestId("grid-row-0");
    await waitFor(() =>
      expect(within(row).getByLabelText(/Timer, Test, Anna Test, mar\. 2026/i)).toHaveProperty(
        "value",
        "30",
      ),
    );
    fireEvent.click(within(row).getByRole("button", { name: "Kopiér frem" }));
    expect(within(row).getByLabelText(/Timer, Test, Anna Test, apr\. 2026/i)).toHaveProperty(
      "value",
      "30",
    );
    fireEvent.click(screen.getByRole("button", { name: "Gem allokeringer" }));
    await screen.findByText("Allokeringerne er gemt.");
    const alfa = (await memory.allocations.list()).filter((a) => a.initiative?.id === 1);
    expect(alfa).toHaveLength(12);
  });

  it("refuses negative hours naming the row, month and field, and writes nothing", async () => {
    const who = me(secretary, "secretary");
    const { repositories, memory } = data(() => who);
    const initiative = await repositories.initiatives.get(1 as never);
    renderView(who, repositories, <AllocationGridSection initiative={initiative} />);
    const row = await screen.findByTestId("grid-row-0");
    const cell = await within(row).findByLabelText(/Timer, Test, Anna Test, apr\. 2026/i);
    fireEvent.change(cell, { target: { value: "-5" } });
    fireEvent.click(screen.getByRole("button", { name: "Gem allokeringer" }));
    expect(
      (await screen.findAllByText(/Række 1, apr\. 2026: Timer skal være mindst 0/)).length,
    ).toBeGreaterThan(0);
    expect(cell.getAttribute("aria-invalid")).toBe("true");
    expect(memory.allocations.calls.filter(([m]) => m !== "list" && m !== "get")).toEqual([]);
  });

  it("is not shown to a member", async () => {
    const who = me(member, "member");
    const { repositories } = data(() => who);
    const initiative = await repositories.initiatives.get(1 as never);
    const { container } = renderView(
      who,
      repositories,
      <AllocationGridSection initiative={initiative} />,
    );
    await new Promise((r) => setTimeout(r, 50));
    expect(container.querySelector("[data-testid='allocation-grid']")).toBeNull();
  });
});

describe("accessibility", () => {
  it("the page has no serious or critical axe violations", async () => {
    const who = me(secretary, "secretary");
    const { repositories } = data(() => who);
    const { container } = renderView(who, repositories);
    await screen.findByRole("grid", { name: /pr\. kompetence/i });
    const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
    expect(
      result.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    ).toEqual([]);
  });
});
