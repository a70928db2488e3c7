/**
 * Starting the Teams host (PLATFORM.md, "Teams host"): a top-level page never loads teams-js;
 * a framed page that gets no answer within the timeout, or whose initialize rejects, runs
 * standalone without ever calling getContext (which would never settle); inside Teams the
 * context gives site, team, channel, user, locale, theme and deep link, and theme changes
 * arrive live.
 */
import type { TeamsApi, TeamsContext } from "../../src/host/teams.js";
import { startHost, toHostContext } from "../../src/host/teams.js";

interface FakeTeams extends TeamsApi {
  getContextCalls: number;
  emitTheme(theme: string): void;
}

function fakeTeams(init: () => Promise<void>, context: Partial<TeamsContext> = {}): FakeTeams {
  let themeHandler: ((t: string) => void) | undefined;
  const fake: FakeTeams = {
    getContextCalls: 0,
    initialize: init,
    getContext: () => {
      fake.getContextCalls += 1;
      return Promise.resolve({ app: { locale: "da-DK", theme: "default" }, ...context });
    },
    onThemeChange: (h) => {
      themeHandler = h;
    },
    emitTheme: (t) => themeHandler?.(t),
  };
  return fake;
}

const never = () => new Promise<void>(() => undefined);

describe("starting the host", () => {
  test("a top-level page runs standalone at once and never loads teams-js", async () => {
    let loaded = false;
    const host = await startHost({
      isEmbedded: false,
      loadTeams: () => {
        loaded = true;
        return Promise.resolve(fakeTeams(never));
      },
      browserLocale: "da-DK",
    });
    expect(loaded).toBe(false);
    expect(host.context).toEqual({
      inTeams: false,
      locale: "da-DK",
      language: "da",
      theme: "light",
    });
  });

  test("a framed page whose initialize never answers falls back to standalone when the timeout passes, without calling getContext", async () => {
    const teams = fakeTeams(never);
    let waitedFor: number | undefined;
    const logged: string[] = [];
    const host = await startHost({
      isEmbedded: true,
      loadTeams: () => Promise.resolve(teams),
      timeoutMs: 5000,
      after: (ms) => {
        waitedFor = ms;
        return Promise.resolve();
      },
      browserLocale: "en-GB",
      log: (m) => logged.push(m),
    });
    expect(waitedFor).toBe(5000);
    expect(host.context.inTeams).toBe(false);
    expect(host.context.language).toBe("en");
    expect(teams.getContextCalls).toBe(0);
    expect(logged.join("\n")).toMatch(/5000 ms/);
  });

  test("a framed page whose initialize rejects runs standalone without calling getContext", async () => {
    const teams = fakeTeams(() =>
      Promise.reject(new Error("Initialization Failed. No Parent window found.")),
    );
    const host = await startHost({
      isEmbedded: true,
      loadTeams: () => Promise.resolve(teams),
      after: never,
      prefersDark: true,
    });
    expect(host.context).toMatchObject({ inTeams: false, theme: "dark", language: "da" });
    expect(teams.getContextCalls).toBe(0);
  });

  test("when teams-js cannot even be loaded the tab still starts standalone", async () => {
    const host = await startHost({
      isEmbedded: true,
      loadTeams: () => Promise.reject(new Error("chunk failed")),
      after: never,
    });
    expect(host.context.inTeams).toBe(false);
  });

  test("inside Teams the context and live theme changes come from the host", async () => {
    const teams = fakeTeams(() => Promise.resolve(), {
      app: { locale: "en-US", theme: "dark" },
      page: { id: "digistyr", subPageId: "initiativ/42" },
      user: {
        loginHint: "mads.kjaer@demokommune.onmicrosoft.com",
        tenant: { id: "t-1" },
        id: "u-1",
      },
      team: { groupId: "g-1", displayName: "Digitaliseringsstyregruppen" },
      channel: { id: "19:abc@thread.tacv2", displayName: "Generelt" },
      sharePointSite: { teamSiteUrl: "https://demokommune.sharepoint.com/sites/digistyr" },
    });
    const host = await startHost({
      isEmbedded: true,
      loadTeams: () => Promise.resolve(teams),
      after: never,
    });
    expect(host.context).toEqual({
      inTeams: true,
      locale: "en-US",
      language: "en",
      theme: "dark",
      teamSiteUrl: "https://demokommune.sharepoint.com/sites/digistyr",
      team: { groupId: "g-1", name: "Digitaliseringsstyregruppen" },
      channel: { id: "19:abc@thread.tacv2", name: "Generelt" },
      user: {
        loginHint: "mads.kjaer@demokommune.onmicrosoft.com",
        tenantId: "t-1",
        objectId: "u-1",
      },
      deepLinkRoute: "#/initiativ/42",
    });
    const seen: string[] = [];
    const stop = host.onThemeChange((t) => seen.push(t));
    teams.emitTheme("contrast");
    teams.emitTheme("default");
    stop();
    teams.emitTheme("dark");
    expect(seen).toEqual(["contrast", "light"]);
  });

  test("a context without a locale is read as Danish", () => {
    expect(toHostContext({ app: { locale: "" } })).toMatchObject({
      locale: "da-DK",
      language: "da",
    });
  });
});
