/**
 * The Uregelmæssigheder page with fake ports (repositories in memory, site groups faked) behind
 * the real `auditSite`: the chair and the secretary see every finding grouped by list, each with
 * its number, the page it belongs to (linked), what is wrong in words, who wrote it and when, in
 * Danish and in English; anyone else is told who may see the page, and nothing is read; the
 * menu shows the page to the chair and the secretary only; no serious axe violations.
 */
import { act, screen, within } from "@testing-library/react";
import axe from "axe-core";

import { StoreError } from "../../src/domain/errors.js";
import type { Role } from "../../src/domain/roles.js";
import type { Language } from "../../src/host/locale.js";
import IrregularitiesView from "../../src/ui/irregularities/IrregularitiesView.js";
import type { AppServices } from "../../src/ui/services.js";
import { Navigation } from "../../src/ui/shell/Navigation.js";
import { anAuditedSite, AUDIT_PEOPLE } from "../support/builders-audit.js";
import { aMe, fakeServices, renderWithProviders, withLayout } from "./support.js";

withLayout();

function renderPage(roles: Role[], language: Language = "da") {
  const site = anAuditedSite();
  const services: AppServices = {
    ...fakeServices({ me: () => Promise.resolve(aMe("Birgitte Holm", roles)) }),
    ...site.ports,
  };
  return { ...renderWithProviders(<IrregularitiesView />, { services, language }), site };
}

/** The table of one list, by its accessible name. */
const tableOf = (name: string) => screen.findByRole("table", { name });

/** The cells of a table's first body row, as text. */
function firstRow(table: HTMLElement): HTMLElement {
  const row = within(table).getAllByRole("row")[1];
  if (!row) throw new Error("The table has no rows");
  return row;
}

describe("Uregelmæssigheder for the chair and the secretary", () => {
  test.each([["chair"], ["secretary"]] as const)(
    "the %s sees each finding grouped by list, with its page, the rule in words, who wrote it and when",
    async (role) => {
      const { site } = renderPage([role]);
      expect(
        await screen.findByText("3 fund i alt. De tælles ikke med nogen steder."),
      ).toBeTruthy();
      for (const heading of ["Stemmesedler (1)", "Tiltag (1)", "Møder (1)"]) {
        expect(screen.getByRole("heading", { level: 2, name: heading })).toBeTruthy();
      }

      const ballot = firstRow(await tableOf("Uregelmæssigheder i Stemmesedler"));
      expect(within(ballot).getByText(String(site.ballot.id))).toBeTruthy();
      const round = within(ballot).getByRole("link", { name: "Runde: Forår 2026" });
      expect(round.getAttribute("href")).toBe(`#/prioritering/runder/${site.round.id}`);
      expect(
        within(ballot).getByText(
          "Stemmesedlen er afgivet i en andens navn (Medlem 1) og tælles ikke med for nogen.",
        ),
      ).toBeTruthy();
      expect(within(ballot).getByText(AUDIT_PEOPLE.member.name)).toBeTruthy();
      expect(within(ballot).getByText("2. marts 2026 kl. 09.00")).toBeTruthy();

      const initiative = firstRow(await tableOf("Uregelmæssigheder i Tiltag"));
      expect(
        within(initiative).getByRole("link", { name: "Tiltag: Egen genvej" }).getAttribute("href"),
      ).toBe(`#/initiativ/${site.initiative.id}`);
      expect(
        within(initiative).getByText(/^Fasen står som Gennemførelse, men det er ikke kommet/),
      ).toBeTruthy();
      expect(within(initiative).getByText("4. marts 2026 kl. 11.30")).toBeTruthy();

      const meeting = firstRow(await tableOf("Uregelmæssigheder i Møder"));
      expect(
        within(meeting)
          .getByRole("link", { name: "Møde: Styregruppemøde marts" })
          .getAttribute("href"),
      ).toBe(`#/moeder/${site.meeting.id}`);
      expect(
        within(meeting).getByText(
          /^Mødet står som »Referat godkendt«, men formanden har ikke godkendt referatet\. Mødet blev sidst ændret af Mads Kjær\./,
        ),
      ).toBeTruthy();
      expect(within(meeting).getByText(AUDIT_PEOPLE.secretary.name)).toBeTruthy();
    },
  );

  test("in English the same findings read in English", async () => {
    renderPage(["chair"], "en");
    expect(
      await screen.findByText("3 findings in all. None of them is counted anywhere."),
    ).toBeTruthy();
    const ballot = firstRow(await tableOf("Irregularities in Ballots"));
    expect(within(ballot).getByRole("link", { name: "Round: Forår 2026" })).toBeTruthy();
    expect(
      within(ballot).getByText(
        "The ballot was cast in someone else's name (Medlem 1) and counts for no one.",
      ),
    ).toBeTruthy();
    expect(within(ballot).getByText("2 March 2026 at 09:00")).toBeTruthy();
    expect(screen.getByRole("heading", { level: 2, name: "Meetings (1)" })).toBeTruthy();
  });

  test("a site with nothing irregular says so", async () => {
    const site = anAuditedSite();
    for (const list of [site.memory.ballots, site.memory.initiatives, site.memory.meetings]) {
      list.items.clear();
    }
    renderWithProviders(<IrregularitiesView />, {
      services: {
        ...fakeServices({ me: () => Promise.resolve(aMe("Mads Kjær", ["secretary"])) }),
        ...site.ports,
      },
    });
    expect(
      await screen.findByText(
        "Ingen uregelmæssigheder: alt, hvad optællingerne bygger på, overholder reglerne.",
      ),
    ).toBeTruthy();
  });

  test("a read that fails says what could not be read, with a retry", async () => {
    const site = anAuditedSite();
    site.memory.ballots.failNext("list", new StoreError("Unavailable", "nede"));
    renderWithProviders(<IrregularitiesView />, {
      services: {
        ...fakeServices({ me: () => Promise.resolve(aMe("Mads Kjær", ["secretary"])) }),
        ...site.ports,
      },
    });
    expect(await screen.findByText("Uregelmæssighederne kunne ikke læses.")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Prøv igen" })).toBeTruthy();
  });

  test("the page has no serious or critical axe violations", async () => {
    const { container } = renderPage(["secretary"]);
    await tableOf("Uregelmæssigheder i Møder");
    const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
    expect(
      result.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    ).toEqual([]);
  });
});

describe("Uregelmæssigheder for anyone else", () => {
  test.each([
    ["a member", "member"],
    ["a proposer", "contributor"],
    ["a site owner", "owner"],
  ] as const)("%s is told who may see it, and nothing is read", async (_who, role) => {
    const services = fakeServices({ me: () => Promise.resolve(aMe("Jonas Lind", [role])) });
    renderWithProviders(<IrregularitiesView />, { services });
    expect(
      await screen.findByText(
        "Siden er kun for formanden og sekretariatet, som kan læse alle lister. Mener du, at noget er skrevet forkert, så kontakt dem.",
      ),
    ).toBeTruthy();
    // The fake repositories throw if touched (the page would say the read failed): nothing
    // was read.
    expect(screen.queryByText("Uregelmæssighederne kunne ikke læses.")).toBeNull();
    expect(screen.queryByText("Læser listerne på SharePoint-webstedet …")).toBeNull();
    expect(screen.queryByRole("table")).toBeNull();
  });
});

describe("the menu", () => {
  async function renderMenu(roles: Role[]) {
    const me = Promise.resolve(aMe("Birgitte Holm", roles));
    renderWithProviders(<Navigation route={{ kind: "irregularities" }} />, {
      services: fakeServices({ me: () => me }),
    });
    await act(async () => {
      await me;
    });
  }

  test.each([["chair"], ["secretary"]] as const)(
    "shows Uregelmæssigheder to the %s, marked as the open page",
    async (role) => {
      await renderMenu([role]);
      const link = await screen.findByRole("link", { name: "Uregelmæssigheder" });
      expect(link.getAttribute("href")).toBe("#/uregelmaessigheder");
      expect(link.getAttribute("aria-current")).toBe("page");
    },
  );

  test.each([
    ["a member", "member"],
    ["a proposer", "contributor"],
    ["a site owner", "owner"],
  ] as const)("does not show it to %s", async (_who, role) => {
    await renderMenu([role]);
    expect(screen.getByRole("link", { name: "Overblik" })).toBeTruthy();
    expect(screen.queryByRole("link", { name: "Uregelmæssigheder" })).toBeNull();
  });
});
