/**
 * Indstillinger with fake ports (in-memory repositories, a fake teams catalog): a member is
 * told who may use it and nothing is read for them; the secretary picks Chefforum's team and
 * channel from her own teams and saves; a bad value is named by its setting and nothing is
 * written; a value changed meanwhile is refused naming who changed it.
 */
import v8 from "node:v8";

import { jest } from "@jest/globals";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";

import type { Person } from "../../src/domain/common.js";
import { idOf, type PersonId } from "../../src/domain/ids.js";
import type { Me } from "../../src/domain/roles.js";
import { SETTING_KEYS } from "../../src/domain/strategy.js";
import type { TeamsCatalog } from "../../src/ports/teams.js";
import type { AppServices } from "../../src/ui/services.js";
import SettingsView from "../../src/ui/settings/SettingsView.js";
import { aPerson } from "../support/builders.js";
import { memoryRepositories } from "../support/memory-repositories.js";
import { renderWithProviders } from "./support.js";

globalThis.structuredClone ??= <T,>(value: T): T => {
  const copy: unknown = v8.deserialize(v8.serialize(value));
  return copy as T;
};

const mads = aPerson({ id: idOf<PersonId>(3), name: "Mads Kjær" });
const niels = aPerson({ id: idOf<PersonId>(1), name: "Niels Fogh" });
const jonas = aPerson({ id: idOf<PersonId>(4), name: "Jonas Lind" });

const teams: TeamsCatalog = {
  joinedTeams: () =>
    Promise.resolve([
      { id: "team-1", displayName: "Digitaliseringsstyregruppen", description: "" },
      { id: "team-3", displayName: "Ledelsen", description: "" },
    ]),
  channels: (teamId: string) =>
    Promise.resolve(
      teamId === "team-1"
        ? [
            { id: "19:generelt@thread.tacv2", displayName: "Generelt", membershipType: "standard" },
            {
              id: "19:referater@thread.tacv2",
              displayName: "Referater",
              membershipType: "standard",
            },
          ]
        : [{ id: "19:ledelse@thread.tacv2", displayName: "Generelt", membershipType: "standard" }],
    ),
};

async function aSite() {
  let author: Person = mads;
  const { repositories } = memoryRepositories(() => author);
  await repositories.settings.addMany(
    (
      [
        ["committeeTeamId", "team-1"],
        ["committeeChannelId", "19:generelt@thread.tacv2"],
        ["chefforumTeamId", "team-2"],
        ["chefforumChannelId", "19:chefforum@thread.tacv2"],
        ["minMeetingsPerYear", "4"],
        ["budgetYears", "2026,2027"],
      ] as const
    ).map(([name, value]) => ({ title: name, key: SETTING_KEYS[name], value, description: "" })),
  );
  return { repositories, as: (p: Person) => (author = p) };
}

function renderView(who: Me, site: Awaited<ReturnType<typeof aSite>>, catalog = teams) {
  const services = {
    currentUser: { me: () => Promise.resolve(who) },
    repositories: site.repositories,
    clock: { now: () => new Date("2026-05-12T10:00:00Z") },
    teams: catalog,
  } as unknown as AppServices;
  return renderWithProviders(<SettingsView />, { services });
}

async function stored(site: Awaited<ReturnType<typeof aSite>>, key: string) {
  return (await site.repositories.settings.list()).find((s) => s.key === key)?.value;
}

describe("Indstillinger", () => {
  it("tells a member who may use it, and reads nothing for them", async () => {
    const site = await aSite();
    const list = jest.spyOn(site.repositories.settings, "list");
    const joined = jest.fn(teams.joinedTeams);
    renderView({ person: jonas, roles: ["member"] }, site, { ...teams, joinedTeams: joined });
    await screen.findByText(/kun bruges af webstedets ejere og sekretariatet/);
    expect(list).not.toHaveBeenCalled();
    expect(joined).not.toHaveBeenCalled();
  });

  it("the secretary picks Chefforum's team and channel from her teams and saves them", async () => {
    const site = await aSite();
    renderView({ person: mads, roles: ["secretary"] }, site);
    const group = await screen.findByRole("group", { name: /Chefforums team og kanal/ });
    const team = within(group).getByRole("combobox", { name: "Team" });
    // Chefforum's team is not one of hers: it is kept, and named as such.
    await waitFor(() =>
      expect(within(team).getByRole("option", { name: /du er ikke medlem/ })).toBeTruthy(),
    );
    fireEvent.change(team, { target: { value: "team-1" } });
    const channel = within(group).getByRole("combobox", { name: "Kanal" });
    await within(channel).findByRole("option", { name: "Referater" }, { timeout: 10_000 });
    fireEvent.change(channel, { target: { value: "19:referater@thread.tacv2" } });
    fireEvent.click(screen.getByRole("button", { name: "Gem indstillinger" }));
    await screen.findByText("Indstillingerne er gemt og gælder nu.", {}, { timeout: 10_000 });
    expect(await stored(site, SETTING_KEYS.chefforumTeamId)).toBe("team-1");
    expect(await stored(site, SETTING_KEYS.chefforumChannelId)).toBe("19:referater@thread.tacv2");
  });

  it("names the setting whose value is wrong, and writes nothing", async () => {
    const site = await aSite();
    renderView({ person: mads, roles: ["secretary"] }, site);
    const address = await screen.findByRole("textbox", { name: /Direktørforums postkasse/ });
    fireEvent.change(address, { target: { value: "ikke-en-adresse" } });
    fireEvent.click(screen.getByRole("button", { name: "Gem indstillinger" }));
    const alerts = await screen.findAllByRole("alert", {}, { timeout: 10_000 });
    const alert = { textContent: alerts.map((a) => a.textContent).join(" | ") };
    expect(alert.textContent).toContain(
      'Direktørforums postkasse: "ikke-en-adresse" er ikke en mailadresse.',
    );
    expect(await stored(site, SETTING_KEYS.direktoerforumAddress)).toBeUndefined();
  });

  it("refuses a value someone changed meanwhile, naming them", async () => {
    const site = await aSite();
    renderView({ person: mads, roles: ["secretary"] }, site);
    const min = await screen.findByRole("textbox", { name: /Mindste antal møder/ });
    site.as(niels);
    const item = (await site.repositories.settings.list()).find(
      (s) => s.key === SETTING_KEYS.minMeetingsPerYear,
    )!;
    await site.repositories.settings.update({ ...item, value: "6" });
    site.as(mads);
    fireEvent.change(min, { target: { value: "5" } });
    fireEvent.click(screen.getByRole("button", { name: "Gem indstillinger" }));
    const alerts = await screen.findAllByRole("alert", {}, { timeout: 10_000 });
    const alert = { textContent: alerts.map((a) => a.textContent).join(" | ") };
    expect(alert.textContent).toContain("Mindste antal møder pr. år: Niels Fogh har ændret den");
    expect(await stored(site, SETTING_KEYS.minMeetingsPerYear)).toBe("6");
  });
});
