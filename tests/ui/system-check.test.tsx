/**
 * The Systemtjek page with a fake TenantProbe behind the real doctor: site owners see one table
 * per area with each check's status in words, what was found and the fix; everyone else is told
 * the page is for owners and nothing runs; the menu shows the page to owners only; Danish and
 * English; no serious axe violations.
 */
import { FluentProvider, teamsLightTheme } from "@fluentui/react-components";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import axe from "axe-core";
import { I18nextProvider } from "react-i18next";

import type { Role } from "../../src/domain/roles.js";
import type { Language } from "../../src/host/locale.js";
import { createI18n } from "../../src/ui/i18n/index.js";
import { type AppServices, ServicesProvider } from "../../src/ui/services.js";
import { Navigation } from "../../src/ui/shell/Navigation.js";
import SystemCheckView from "../../src/ui/system-check/SystemCheckView.js";
import { type DoctorOptions, runDoctor, type SystemCheck } from "../../src/use-cases/doctor.js";
import { BLUEPRINT, fakeProbe, type FakeTenant, readyTenant } from "../support/builders-doctor.js";
import { aMe, fakeServices, withLayout } from "./support.js";

// The tables are virtualised: a tall region so every check's row is rendered.
withLayout({ width: 1200, height: 6000 });

function recordingCheck(tenant: FakeTenant): SystemCheck & { runs: number } {
  const check = {
    runs: 0,
    run: (options?: DoctorOptions) => {
      check.runs++;
      return runDoctor(fakeProbe(tenant), BLUEPRINT, options);
    },
  };
  return check;
}

function renderPage(options: {
  roles: Role[];
  tenant?: FakeTenant;
  language?: Language;
  check?: SystemCheck;
}) {
  const check = options.check ?? recordingCheck(options.tenant ?? readyTenant());
  const services: AppServices = {
    ...fakeServices({ me: () => Promise.resolve(aMe("Niels Fogh", options.roles)) }),
    systemCheck: check,
  };
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const view = render(
    <FluentProvider theme={teamsLightTheme}>
      <I18nextProvider i18n={createI18n(options.language ?? "da")}>
        <QueryClientProvider client={client}>
          <ServicesProvider services={services}>
            <SystemCheckView />
          </ServicesProvider>
        </QueryClientProvider>
      </I18nextProvider>
    </FluentProvider>,
  );
  return { ...view, check };
}

/** The row of a check (its `data-check` attribute is the row id). */
function rowOf(container: HTMLElement, id: string): HTMLElement {
  const row = container
    .querySelector<HTMLElement>(`[data-check="${id}"]`)
    ?.closest<HTMLElement>('[role="row"]');
  if (!row) throw new Error(`No row ${id}`);
  return row;
}

describe("Systemtjek for a site owner", () => {
  test("runs at once and shows every area's table with the checks passed", async () => {
    const { container } = renderPage({ roles: ["owner"] });
    expect(await screen.findByText("Alle tjek bestået.")).toBeTruthy();
    for (const area of [
      "SharePoint-webstedet",
      "Lister og felter",
      "Tilladelsesniveauer",
      "Grupper",
      "Rettigheder på listerne",
      "Tokenets tilladelser",
      "Teams-kanaler",
      "Kalender",
      "Post",
      "Browseren",
    ]) {
      expect(screen.getByRole("heading", { level: 2, name: area })).toBeTruthy();
      expect(screen.getByRole("table", { name: area })).toBeTruthy();
    }
    const tiltag = rowOf(container, "list:Initiatives");
    expect(within(tiltag).getByText("OK")).toBeTruthy();
    expect(within(tiltag).getByText("Listen Tiltag (Initiatives)")).toBeTruthy();
    // What was not checked is said even when all passed.
    expect(
      within(rowOf(container, "mail")).getByText(/Ikke tjekket: om post faktisk når frem/),
    ).toBeTruthy();
  });

  test("a broken tenant shows the failing rows with what was found and how to fix it", async () => {
    const tenant = readyTenant();
    tenant.lists = tenant.lists.filter((l) => l.name !== "LearningLog");
    tenant.claims.graph = {
      kind: "claimed",
      source: "jwt",
      scopes: BLUEPRINT.permissions
        .filter((p) => p.resource === "graph" && p.scope !== "ChannelMessage.Read.All")
        .map((p) => p.scope),
    };
    const { container } = renderPage({ roles: ["owner"], tenant });
    const summary = await screen.findByText(/i orden, 0 advarsler, 2 fejl\./);
    expect(summary).toBeTruthy();

    const missing = rowOf(container, "list:LearningLog");
    expect(within(missing).getByText("Fejl")).toBeTruthy();
    expect(within(missing).getByText("Listen LearningLog findes ikke.")).toBeTruthy();
    expect(within(missing).getByText("Sådan retter du det:")).toBeTruthy();
    expect(within(missing).getByText(/Kør npm run provision/)).toBeTruthy();

    const scope = rowOf(container, "scope:graph:ChannelMessage.Read.All");
    expect(within(scope).getByText("Tokenet har ikke ChannelMessage.Read.All.")).toBeTruthy();
    expect(within(scope).getByText(/kræver administratorsamtykke/)).toBeTruthy();
  });

  test("in English the same rows read in English", async () => {
    const tenant = readyTenant();
    tenant.settings.delete("chefforum.channelId");
    const { container } = renderPage({ roles: ["owner"], tenant, language: "en" });
    expect(await screen.findByText(/passed, 0 warnings, 1 failures\./)).toBeTruthy();
    const row = rowOf(container, "channel:chefforum");
    expect(within(row).getByText("Failure")).toBeTruthy();
    expect(within(row).getByText("The setting chefforum.channelId is not set.")).toBeTruthy();
    expect(
      within(row).getByText(
        "Set chefforum.channelId in the Settings list (Indstillinger; one row per key: key and value).",
      ),
    ).toBeTruthy();
  });

  test("a site that cannot be read says nothing else was checked", async () => {
    const tenant = readyTenant();
    tenant.site = { reachable: false, why: { kind: "unauthorized", detail: "HTTP 401" } };
    const { container } = renderPage({ roles: ["owner"], tenant });
    expect(
      await screen.findByText(
        "SharePoint-webstedet kunne ikke læses, så intet andet blev tjekket.",
      ),
    ).toBeTruthy();
    expect(within(rowOf(container, "site")).getByText(/SharePoint afviste tokenet/)).toBeTruthy();
  });

  test("run again starts a new check", async () => {
    const check = recordingCheck(readyTenant());
    renderPage({ roles: ["owner"], check });
    await screen.findByText("Alle tjek bestået.");
    fireEvent.click(screen.getByRole("button", { name: "Kør igen" }));
    await waitFor(() => expect(check.runs).toBe(2));
    expect(await screen.findByText("Alle tjek bestået.")).toBeTruthy();
  });

  test("the page has no serious or critical axe violations", async () => {
    const tenant = readyTenant();
    tenant.lists = tenant.lists.filter((l) => l.name !== "LearningLog");
    const { container } = renderPage({ roles: ["owner"], tenant });
    await screen.findByText(/fejl\./);
    const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
    expect(
      result.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    ).toEqual([]);
  });
});

describe("Systemtjek for anyone else", () => {
  test("says it is for owners and runs nothing", async () => {
    const check = recordingCheck(readyTenant());
    renderPage({ roles: ["chair", "member"], check });
    expect(
      await screen.findByText("Systemtjek er kun for ejere af SharePoint-webstedet."),
    ).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Kør systemtjek" })).toBeNull();
    expect(check.runs).toBe(0);
  });
});

describe("the menu", () => {
  function renderMenu(roles: Role[]) {
    const me = Promise.resolve(aMe("Niels Fogh", roles));
    const services = fakeServices({ me: () => me });
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const view = render(
      <FluentProvider theme={teamsLightTheme}>
        <I18nextProvider i18n={createI18n("da")}>
          <QueryClientProvider client={client}>
            <ServicesProvider services={services}>
              <Navigation route={{ kind: "systemCheck" }} />
            </ServicesProvider>
          </QueryClientProvider>
        </I18nextProvider>
      </FluentProvider>,
    );
    return { ...view, me };
  }

  test("shows Systemtjek to a site owner, marked as the open page", async () => {
    renderMenu(["owner"]);
    const link = await screen.findByRole("link", { name: "Systemtjek" });
    expect(link.getAttribute("href")).toBe("#/systemtjek");
    expect(link.getAttribute("aria-current")).toBe("page");
  });

  test("does not show it to the chair", async () => {
    const { me } = renderMenu(["chair", "member"]);
    await act(async () => {
      await me;
    });
    expect(screen.getByRole("link", { name: "Overblik" })).toBeTruthy();
    expect(screen.queryByRole("link", { name: "Systemtjek" })).toBeNull();
  });
});
