/**
 * The app for end-to-end tests, started as `npm start` starts it but on free loopback ports
 * with fresh data: the local Microsoft 365 with its store in a new temporary directory, the
 * lists provisioned with the real provisioning code, the demo data seeded through the
 * adapters, and the tab server serving the production bundle from build/tab/ (built once per
 * run by ensureTabBundle, from the e2e project's globalSetup). stop() ends all of it and
 * removes the data; call it in afterAll.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { createGraphAdapters } from "../../src/adapters/graph/index.js";
import { createSharePointAdapters } from "../../src/adapters/sharepoint/index.js";
import { systemClock } from "../../src/domain/clock.js";
import { DEMO_USERS, findUserByUpn } from "../../src/emulator/directory.js";
import { type M365, startM365 } from "../../src/emulator/server.js";
import { devAdminTokenProvider, devTokenProvider } from "../../src/host/dev-token.js";
import { TAB_SCOPES } from "../../src/host/permissions.js";
import type { Repositories } from "../../src/ports/repositories.js";
import { provisionSite } from "../../src/provisioning/index.js";
import { type SeedAdapters, seedDemoData, type SeedSummary } from "../../src/seed/index.js";
import { buildTab, startLocalTabServer, tabNeedsBuild } from "../../src/tab-server/index.js";

const root = join(import.meta.dirname, "..", "..");
export const TAB_BUNDLE = join(root, "build", "tab");

/**
 * Builds the production bundle exactly as `npm start` does (webpack in production mode) when
 * build/tab/ is missing or older than its sources; otherwise does nothing.
 */
export async function ensureTabBundle(
  log: (line: string) => void = () => undefined,
): Promise<void> {
  if (!tabNeedsBuild(root)) return;
  log("Building the tab's production bundle for the end-to-end tests (webpack)…");
  await buildTab(root);
}

/** Demo users by role, from the local directory (src/emulator/directory.ts). */
export interface DemoPeople {
  owner: string;
  chair: string;
  secretary: string;
  /** Members who are not the chair. */
  members: string[];
  contributors: string[];
}

function demoPeople(): DemoPeople {
  const having = (group: string) =>
    DEMO_USERS.filter((u) => (u.groups as readonly string[]).includes(group));
  const only = (group: string) => {
    const u = having(group)[0];
    if (!u) throw new Error(`The local directory has no user in ${group}`);
    return u.upn;
  };
  return {
    owner: only("Ejere"),
    chair: only("Formand"),
    secretary: only("Sekretariat"),
    members: having("Medlemmer")
      .filter((u) => !(u.groups as readonly string[]).includes("Formand"))
      .map((u) => u.upn),
    contributors: having("Bidragydere").map((u) => u.upn),
  };
}

/**
 * The app's own adapters acting as a given demo user, built as `npm start` builds them for the
 * seed (scripts/start.ts): SharePoint through PnPjs, the calendar through graph-client.
 */
function seedAdapters(m365: M365): SeedAdapters {
  return {
    as: (upn) => ({
      ...createSharePointAdapters(m365.sharepoint, devTokenProvider(upn)),
      calendar: createGraphAdapters({ baseUrl: m365.graph, tokens: devTokenProvider(upn) })
        .calendar,
    }),
  };
}

/** A demo user's display name, as the identity picker and the header show it. */
export function displayNameOf(upn: string): string {
  const user = findUserByUpn(upn);
  if (!user) throw new Error(`No demo user ${upn}`);
  return user.displayName;
}

export interface RunningApp {
  /** The tab, e.g. http://127.0.0.1:51234/ */
  url: string;
  /** The local Teams host page that frames the tab. */
  teamsHostUrl: string;
  m365: M365;
  people: DemoPeople;
  /** What the demo seed wrote (items per list). */
  seed: SeedSummary;
  /**
   * The store as a demo user sees it through the app's own SharePoint adapters, so journeys
   * compute what the page must show from the seeded data instead of hard-coding it.
   */
  repositoriesAs(upn: string): Repositories;
  stop(): Promise<void>;
}

/**
 * Starts the app on free ports with fresh data. If a step fails, whatever already started is
 * stopped before the error is rethrown, so a failing beforeAll leaks nothing.
 */
export async function startApp(): Promise<RunningApp> {
  if (!existsSync(join(TAB_BUNDLE, "index.html"))) {
    throw new Error("build/tab/ has no bundle: run `npm run build` (the e2e globalSetup does)");
  }
  const dataDir = mkdtempSync(join(tmpdir(), "digistyr-e2e-"));
  const cleanups: (() => Promise<void> | void)[] = [
    () => rmSync(dataDir, { recursive: true, force: true }),
  ];
  const stop = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    const m365 = await startM365({ port: 0, dataDir, defaultScopes: TAB_SCOPES });
    cleanups.push(() => m365.close());
    const people = demoPeople();
    await provisionSite({
      siteUrl: m365.sharepoint,
      tokenProvider: devAdminTokenProvider(people.owner),
      log: () => undefined,
    });
    const seed = await seedDemoData(seedAdapters(m365), systemClock, () => undefined);
    if (!seed.seeded) throw new Error("The fresh site already had initiatives: nothing seeded");
    const tab = await startLocalTabServer({ m365, root: TAB_BUNDLE, port: 0 });
    cleanups.push(() => tab.close());
    return {
      url: tab.url,
      teamsHostUrl: tab.teamsHostUrl,
      m365,
      people,
      seed,
      repositoriesAs: (upn) =>
        createSharePointAdapters(m365.sharepoint, devTokenProvider(upn)).repositories,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
