/**
 * Gevinster: the register and due list, a benefit's chart with its table alternative, and the
 * benefit owner recording a measurement that the table then shows; the English UI words it all.
 */
import { fireEvent, screen, waitFor, within } from "@testing-library/react";

import type { InitiativeId } from "../../src/domain/ids.js";
import type { Initiative } from "../../src/domain/portfolio.js";
import type { Me } from "../../src/domain/roles.js";
import BenefitsView from "../../src/ui/benefits/BenefitsView.js";
import type { AppServices } from "../../src/ui/services.js";
import { aBenefit, anInitiative, aRef } from "../support/builders.js";
import { aRecordedPath, me, member, secretary } from "../support/builders-lifecycle.js";
import { memoryRepositories } from "../support/memory-repositories.js";
import { sitePeopleOf } from "../support/site-people.js";
import { renderWithProviders, withLayout } from "./support.js";

const NOW = new Date("2026-09-15T10:00:00Z");

function renderView(who: Me, language: "da" | "en" = "da") {
  const { memory, repositories } = memoryRepositories(() => who.person);
  const [drift] = memory.initiatives.seed({
    ...anInitiative({ title: "Fakturarobot", phase: "I drift" }),
  }) as [Initiative];
  memory.phaseChanges.seed(...aRecordedPath(drift, "I drift"));
  memory.benefits.seed({
    ...aBenefit({
      title: "Færre rykkergebyrer",
      initiative: aRef<InitiativeId>(drift.id, drift.title),
      direction: "Højere er bedre",
      unit: "kr.",
      isCash: true,
      baseline: 0,
      baselineDate: "2026-01-01T00:00:00Z",
      targetPessimistic: 50,
      targetExpected: 80,
      targetOptimistic: 100,
      owner: member,
      state: "Under realisering",
    }),
    createdBy: secretary,
    modifiedBy: secretary,
  });
  const unused = new Proxy(
    {},
    {
      get: (_t, p) => {
        throw new Error(`not faked: ${String(p)}`);
      },
    },
  );
  const services = {
    currentUser: { me: () => Promise.resolve(who) },
    repositories,
    clock: { now: () => NOW },
    people: sitePeopleOf(me(secretary, "secretary"), me(member, "member")),
    mailer: unused,
    calendar: unused,
    channel: unused,
    directory: unused,
    files: unused,
  } as unknown as AppServices;
  return renderWithProviders(<BenefitsView />, { services, language });
}

describe("Gevinster", () => {
  withLayout({ width: 1400, height: 900 });
  // jsdom has no SVG layout; the charts measure their axis labels.
  beforeAll(() => {
    const proto = SVGElement.prototype as unknown as Record<string, unknown>;
    proto.getComputedTextLength = () => 40;
    proto.getBBox = () => ({ x: 0, y: 0, width: 40, height: 12 });
  });
  beforeEach(() => {
    window.location.hash = "#/gevinster#gevinst-1";
  });

  test("shows the register with the model version and the owner's overdue follow-ups", async () => {
    renderView(me(member, "member"));
    const register = await screen
      .findByRole("grid", { name: "Gevinstregister" })
      .catch(() => screen.findByRole("table", { name: "Gevinstregister" }));
    expect(within(register).getByText("Færre rykkergebyrer")).toBeTruthy();
    expect(within(register).getByText("Standard")).toBeTruthy();
    const due = screen.getByRole(register.getAttribute("role") ?? "table", {
      name: "Forfaldne og kommende målinger pr. gevinstejer",
    });
    expect(within(due).getAllByText("Overskredet")).toHaveLength(2);
    // A member sends no reminders.
    expect(screen.queryByRole("button", { name: "Send påmindelser" })).toBeNull();
  });

  test("the benefit owner records a measurement and the chart's table shows it", async () => {
    renderView(me(member, "member"));
    const form = await screen.findByRole("form", { name: "Måling af Færre rykkergebyrer" });
    fireEvent.change(within(form).getByRole("textbox", { name: /Værdi/ }), {
      target: { value: "42" },
    });
    fireEvent.click(within(form).getByRole("button", { name: "Gem målingen" }));
    await waitFor(
      () => {
        const table = screen.getByRole("table", {
          name: "Planlagt og målt for Færre rykkergebyrer",
        });
        expect(within(table).getByText("42")).toBeTruthy();
      },
      { timeout: 5000 },
    );
  });

  test("a measurement dated before the baseline is refused at its field, and nothing is saved", async () => {
    renderView(me(member, "member"));
    const form = await screen.findByRole("form", { name: "Måling af Færre rykkergebyrer" });
    fireEvent.change(within(form).getByRole("textbox", { name: /Værdi/ }), {
      target: { value: "10" },
    });
    const date = within(form).getByLabelText(/Målt den/);
    fireEvent.change(date, { target: { value: "2025-12-01" } });
    fireEvent.click(within(form).getByRole("button", { name: "Gem målingen" }));
    expect(await within(form).findByText(/før baseline blev målt/)).toBeTruthy();
  });

  test("in English the page is worded in English", async () => {
    renderView(me(member, "member"), "en");
    expect(await screen.findByRole("heading", { name: "Benefits register" })).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Economic benefits per year" })).toBeTruthy();
  });
});
