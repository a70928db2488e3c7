/**
 * Sign-in behind the TokenProvider port: which provider the app uses where, the scopes per
 * audience, MSAL's silent-first flow with a fake client (interactive only when MSAL asks,
 * one popup for parallel requests), and the local identity whose `dev:<upn>` the adapters send.
 */
import {
  authModeFor,
  GRAPH_SCOPES,
  type MsalAccount,
  type MsalClient,
  msalTokenProvider,
  RedirectingError,
  scopesFor,
} from "../../src/host/auth.js";
import {
  IDENTITY_STORAGE_KEY,
  LocalIdentity,
  NoIdentityChosenError,
} from "../../src/host/local-identity.js";
import { TAB_PERMISSIONS } from "../../src/host/permissions.js";
import {
  type DemoIdentity,
  parseRuntimeConfig,
  type RuntimeConfig,
  RuntimeConfigError,
} from "../../src/host/runtime-config.js";

const local: RuntimeConfig = {
  mode: "local",
  siteUrl: "http://127.0.0.1:4365/sites/digistyr",
  graphBaseUrl: "http://127.0.0.1:4365/v1.0",
  demoUsers: [],
};
const teams: RuntimeConfig = {
  mode: "teams",
  siteUrl: "https://demokommune.sharepoint.com/sites/digistyr",
  graphBaseUrl: "https://graph.microsoft.com/v1.0",
  clientId: "client",
  tenantId: "tenant",
};

describe("which token provider the app uses", () => {
  test.each([
    ["local config in a browser", local, false, "local"],
    ["local config in the local Teams host", local, true, "local"],
    ["production config inside Teams", teams, true, "nested"],
    ["production config in a browser tab", teams, false, "browser"],
  ] as const)("%s → %s", (_name, config, inTeams, mode) => {
    expect(authModeFor(config, { inTeams })).toBe(mode);
  });

  test("SharePoint and Graph are separate audiences, each with the declared scopes", () => {
    expect(scopesFor(teams.siteUrl)).toEqual({
      sharepoint: ["https://demokommune.sharepoint.com/AllSites.Write"],
      graph: [...GRAPH_SCOPES],
    });
  });

  test("asks Graph for exactly the tab's declared Graph permissions, in the declaration's order", () => {
    expect(GRAPH_SCOPES).toEqual(
      TAB_PERMISSIONS.filter((p) => p.resource === "graph").map((p) => p.scope),
    );
    expect(GRAPH_SCOPES).toEqual(
      expect.arrayContaining(["User.Read", "User.ReadBasic.All", "ChannelMessage.Send"]),
    );
  });

  test("never asks for .default, nor for more than AllSites.Write on SharePoint", () => {
    const { sharepoint, graph } = scopesFor("https://contoso.sharepoint.com/sites/x/");
    expect([...sharepoint, ...graph].some((s) => s.endsWith(".default"))).toBe(false);
    expect(sharepoint).toEqual(["https://contoso.sharepoint.com/AllSites.Write"]);
  });
});

type Result = { accessToken: string; account: MsalAccount | null };

class FakeMsal implements MsalClient {
  accounts: MsalAccount[] = [];
  active: MsalAccount | null = null;
  calls: string[] = [];
  silent: (scopes: string[]) => Promise<Result> = (scopes) =>
    Promise.resolve({ accessToken: `silent:${scopes[0]}`, account: this.active });
  popupGate: Promise<void> = Promise.resolve();

  getActiveAccount() {
    return this.active;
  }
  getAllAccounts() {
    return this.accounts;
  }
  setActiveAccount(a: MsalAccount | null) {
    this.active = a;
  }
  acquireTokenSilent(r: { scopes: string[]; account?: MsalAccount }) {
    this.calls.push(`silent ${r.scopes[0]} ${r.account?.username}`);
    return this.silent(r.scopes);
  }
  ssoSilent(r: { scopes: string[]; loginHint?: string }): Promise<Result> {
    this.calls.push(`ssoSilent ${r.loginHint}`);
    return Promise.reject(Object.assign(new Error("login"), { errorCode: "login_required" }));
  }
  async acquireTokenPopup(r: { scopes: string[]; loginHint?: string }): Promise<Result> {
    this.calls.push(`popup ${r.scopes[0]} ${r.loginHint}`);
    await this.popupGate;
    return {
      accessToken: `popup:${r.scopes[0]}`,
      account: { username: "mads@kommune.dk", homeAccountId: "h1" },
    };
  }
  acquireTokenRedirect(r: { scopes: string[] }): Promise<void> {
    this.calls.push(`redirect ${r.scopes[0]}`);
    return Promise.resolve();
  }
}

const scopes = scopesFor(teams.siteUrl);

describe("MSAL tokens", () => {
  test("a cached account gets its token silently, per audience, with no popup", async () => {
    const msal = new FakeMsal();
    msal.accounts = [
      { username: "other@kommune.dk", homeAccountId: "h0" },
      { username: "Mads@Kommune.dk", homeAccountId: "h1" },
    ];
    const tokens = msalTokenProvider(msal, {
      scopes,
      loginHint: "mads@kommune.dk",
      interaction: "popup",
    });
    expect(await tokens.getToken("sharepoint")).toBe(
      "silent:https://demokommune.sharepoint.com/AllSites.Write",
    );
    expect(await tokens.getToken("graph")).toBe("silent:User.Read");
    expect(msal.active?.homeAccountId).toBe("h1");
    expect(msal.calls.every((c) => c.startsWith("silent"))).toBe(true);
  });

  test("when MSAL says interaction is required, Teams gets one popup even for parallel requests", async () => {
    const msal = new FakeMsal();
    msal.accounts = [{ username: "mads@kommune.dk", homeAccountId: "h1" }];
    msal.silent = () =>
      Promise.reject(Object.assign(new Error("consent"), { name: "InteractionRequiredAuthError" }));
    let open!: () => void;
    msal.popupGate = new Promise((r) => (open = r));
    const tokens = msalTokenProvider(msal, {
      scopes,
      loginHint: "mads@kommune.dk",
      interaction: "popup",
    });
    const both = Promise.all([tokens.getToken("graph"), tokens.getToken("graph")]);
    open();
    expect(await both).toEqual(["popup:User.Read", "popup:User.Read"]);
    expect(msal.calls.filter((c) => c.startsWith("popup"))).toEqual([
      "popup User.Read mads@kommune.dk",
    ]);
  });

  test("with no account yet, silent SSO with the Teams login hint is tried before a popup", async () => {
    const msal = new FakeMsal();
    const tokens = msalTokenProvider(msal, {
      scopes,
      loginHint: "mads@kommune.dk",
      interaction: "popup",
    });
    expect(await tokens.getToken("sharepoint")).toBe(
      "popup:https://demokommune.sharepoint.com/AllSites.Write",
    );
    expect(msal.calls.map((c) => c.split(" ")[0])).toEqual(["ssoSilent", "popup"]);
    expect(msal.active?.username).toBe("mads@kommune.dk");
  });

  test.each([
    ["another person's account is active", true],
    ["only another person's account is cached", false],
  ])("when %s, the Teams user's token is never taken from it", async (_name, othersIsActive) => {
    const msal = new FakeMsal();
    const other = { username: "other@kommune.dk", homeAccountId: "h0" };
    msal.accounts = [other];
    if (othersIsActive) msal.active = other;
    const tokens = msalTokenProvider(msal, {
      scopes,
      loginHint: "mads@kommune.dk",
      interaction: "popup",
    });
    expect(await tokens.getToken("graph")).toBe("popup:User.Read");
    expect(msal.calls.some((c) => c.includes("other@kommune.dk"))).toBe(false);
    expect(msal.calls.map((c) => c.split(" ")[0])).toEqual(["ssoSilent", "popup"]);
    expect(msal.active?.username).toBe("mads@kommune.dk");
    // Once signed in, the same account is used silently.
    expect(await tokens.getToken("sharepoint")).toBe(
      "silent:https://demokommune.sharepoint.com/AllSites.Write",
    );
    expect(msal.calls.at(-1)).toBe(
      "silent https://demokommune.sharepoint.com/AllSites.Write mads@kommune.dk",
    );
  });

  test("an account MSAL signed in for the hint is reused silently even if its username differs", async () => {
    const msal = new FakeMsal();
    msal.acquireTokenPopup = (r) => {
      msal.calls.push(`popup ${r.scopes[0]} ${r.loginHint}`);
      return Promise.resolve({
        accessToken: `popup:${r.scopes[0]}`,
        account: { username: "mads.alias@kommune.dk", homeAccountId: "h9" },
      });
    };
    const tokens = msalTokenProvider(msal, {
      scopes,
      loginHint: "mads@kommune.dk",
      interaction: "popup",
    });
    await tokens.getToken("graph");
    msal.accounts = [{ username: "mads.alias@kommune.dk", homeAccountId: "h9" }];
    expect(await tokens.getToken("graph")).toBe("silent:User.Read");
    expect(msal.calls.filter((c) => c.startsWith("popup"))).toHaveLength(1);
  });

  test("in a browser tab the interactive step is a redirect", async () => {
    const msal = new FakeMsal();
    const tokens = msalTokenProvider(msal, { scopes, interaction: "redirect" });
    await expect(tokens.getToken("graph")).rejects.toBeInstanceOf(RedirectingError);
    expect(msal.calls).toEqual(["redirect User.Read"]);
  });

  test("other failures (e.g. the network) are reported, not turned into a popup", async () => {
    const msal = new FakeMsal();
    msal.accounts = [{ username: "mads@kommune.dk", homeAccountId: "h1" }];
    msal.silent = () =>
      Promise.reject(Object.assign(new Error("offline"), { errorCode: "network_error" }));
    const tokens = msalTokenProvider(msal, { scopes, interaction: "popup" });
    await expect(tokens.getToken("graph")).rejects.toThrow("offline");
    expect(msal.calls.some((c) => c.startsWith("popup"))).toBe(false);
  });
});

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  };
}

const people: DemoIdentity[] = [
  { upn: "mads.kjaer@demokommune.onmicrosoft.com", displayName: "Mads Kjær", roles: ["secretary"] },
  { upn: "jonas.lind@demokommune.onmicrosoft.com", displayName: "Jonas Lind", roles: ["member"] },
];

describe("the local identity", () => {
  test("sends no token before a demo user is chosen", async () => {
    const identity = new LocalIdentity(people, memoryStorage());
    expect(identity.current()).toBeUndefined();
    await expect(identity.tokenProvider().getToken("sharepoint")).rejects.toBeInstanceOf(
      NoIdentityChosenError,
    );
  });

  test("the chosen user's dev token is what the adapters get, for both audiences, and it follows a switch", async () => {
    const storage = memoryStorage();
    const identity = new LocalIdentity(people, storage);
    const tokens = identity.tokenProvider();
    const seen: (string | undefined)[] = [];
    identity.subscribe((u) => seen.push(u?.displayName));
    expect(identity.choose("MADS.KJAER@demokommune.onmicrosoft.com")).toBe(true);
    expect(await tokens.getToken("sharepoint")).toBe("dev:mads.kjaer@demokommune.onmicrosoft.com");
    expect(await tokens.getToken("graph")).toBe("dev:mads.kjaer@demokommune.onmicrosoft.com");
    identity.choose("jonas.lind@demokommune.onmicrosoft.com");
    expect(await tokens.getToken("sharepoint")).toBe("dev:jonas.lind@demokommune.onmicrosoft.com");
    expect(seen).toEqual(["Mads Kjær", "Jonas Lind"]);
    expect(storage.data.get(IDENTITY_STORAGE_KEY)).toBe("jonas.lind@demokommune.onmicrosoft.com");
  });

  test("the choice is remembered across reloads and can be cleared", () => {
    const storage = memoryStorage({
      [IDENTITY_STORAGE_KEY]: "jonas.lind@demokommune.onmicrosoft.com",
    });
    const identity = new LocalIdentity(people, storage);
    expect(identity.current()?.displayName).toBe("Jonas Lind");
    identity.clear();
    expect(identity.current()).toBeUndefined();
    expect(storage.data.has(IDENTITY_STORAGE_KEY)).toBe(false);
  });

  test("an unknown user cannot be chosen", () => {
    const identity = new LocalIdentity(people, memoryStorage());
    expect(identity.choose("mallory@example.com")).toBe(false);
    expect(identity.current()).toBeUndefined();
  });

  test("the (local) Teams host's login hint picks the user without asking, over a stored choice", () => {
    const storage = memoryStorage({
      [IDENTITY_STORAGE_KEY]: "jonas.lind@demokommune.onmicrosoft.com",
    });
    const identity = new LocalIdentity(people, storage, "mads.kjaer@demokommune.onmicrosoft.com");
    expect(identity.current()?.displayName).toBe("Mads Kjær");
  });
});

describe("the runtime config", () => {
  test("a local config keeps only known roles", () => {
    const config = parseRuntimeConfig({
      ...local,
      demoUsers: [{ upn: "a@b.dk", displayName: "A", roles: ["member", "admin"] }],
    });
    expect(config.mode === "local" && config.demoUsers[0]?.roles).toEqual(["member"]);
  });

  test.each([
    [{ mode: "cloud" }, /"mode"/],
    [{ ...teams, clientId: "" }, /"clientId"/],
    [{ ...teams, siteUrl: "sites/digistyr" }, /"siteUrl" is not an absolute URL/],
    [{ ...local, demoUsers: "all" }, /"demoUsers"/],
    [[], /not a JSON object/],
  ])("a broken config is refused naming the field: %j", (raw, message) => {
    expect(() => parseRuntimeConfig(raw)).toThrow(RuntimeConfigError);
    expect(() => parseRuntimeConfig(raw)).toThrow(message);
  });
});
