/**
 * Starting the Teams host (PLATFORM.md, "Teams host"). teams-js `app.initialize()` rejects at
 * once in a top-level page, but in an iframe that is not Teams it only rejects after about
 * 60 s: so it is raced against a short timeout and the app falls back to standalone. After a
 * failed initialize, `app.getContext()` never settles, so it is not called.
 *
 * teams-js itself is reached through the small `TeamsApi` interface (bound in `teams-js.ts`),
 * so this logic is unit-tested with fakes and the library is only loaded when the page is
 * framed.
 */
import { routeFromSubEntityId } from "./deep-link.js";
import { type Language, languageFromLocale } from "./locale.js";
import { type ThemeKind, themeKindFromTeams } from "./theme.js";

/** The parts of teams-js `app.Context` the tab reads. */
export interface TeamsContext {
  app: { locale: string; theme?: string };
  page?: { id?: string; subPageId?: string };
  user?: { id?: string; loginHint?: string; userPrincipalName?: string; tenant?: { id: string } };
  team?: { groupId?: string; displayName?: string; internalId?: string };
  channel?: { id: string; displayName?: string };
  sharePointSite?: { teamSiteUrl?: string };
}

/** The teams-js calls the host uses. */
export interface TeamsApi {
  initialize(): Promise<void>;
  getContext(): Promise<TeamsContext>;
  onThemeChange(handler: (theme: string) => void): void;
}

export interface HostContext {
  /** True when teams-js initialised: the tab runs inside Teams (or the local Teams host). */
  inTeams: boolean;
  locale: string;
  language: Language;
  theme: ThemeKind;
  /** The team's SharePoint site, when Teams gives one. */
  teamSiteUrl?: string;
  team?: { groupId?: string; name?: string };
  channel?: { id: string; name?: string };
  user?: { loginHint?: string; tenantId?: string; objectId?: string };
  /** The route a deep link asks for (`#/initiativ/42`). */
  deepLinkRoute?: string;
}

export interface Host {
  context: HostContext;
  /** Live theme changes from Teams; returns a function that stops listening. */
  onThemeChange: (listener: (theme: ThemeKind) => void) => () => void;
}

export interface StartHostOptions {
  /** Whether the page is framed or opened by another window (else teams-js cannot work). */
  isEmbedded: boolean;
  /** Loads teams-js; only called when embedded. */
  loadTeams: () => Promise<TeamsApi>;
  /** How long to wait for `initialize` (default 5 s). */
  timeoutMs?: number;
  /** Resolves after `ms`; injectable so tests need not wait. */
  after?: (ms: number) => Promise<void>;
  /** Standalone fallbacks: the browser's language and colour scheme. */
  browserLocale?: string;
  prefersDark?: boolean;
  /** Told why the app runs standalone (for the console). */
  log?: (message: string) => void;
}

export const TEAMS_INIT_TIMEOUT_MS = 5000;

const defaultAfter = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms);
  });

type InitOutcome = { ok: true } | { ok: false; reason: string };

function listeners() {
  const set = new Set<(theme: ThemeKind) => void>();
  return {
    add: (listener: (theme: ThemeKind) => void) => {
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
    emit: (theme: ThemeKind) => {
      for (const l of set) l(theme);
    },
  };
}

function standalone(options: StartHostOptions): Host {
  const locale = options.browserLocale ?? "da-DK";
  return {
    context: {
      inTeams: false,
      locale,
      language: languageFromLocale(locale),
      theme: options.prefersDark ? "dark" : "light",
    },
    onThemeChange: listeners().add,
  };
}

/** Initialises teams-js when it can, else returns the standalone host at once. */
export async function startHost(options: StartHostOptions): Promise<Host> {
  const log = options.log ?? (() => undefined);
  if (!options.isEmbedded) return standalone(options);
  let teams: TeamsApi;
  try {
    teams = await options.loadTeams();
  } catch (e) {
    log(`teams-js could not be loaded: ${String(e)}`);
    return standalone(options);
  }
  const timeoutMs = options.timeoutMs ?? TEAMS_INIT_TIMEOUT_MS;
  const outcome = await Promise.race<InitOutcome>([
    teams.initialize().then(
      () => ({ ok: true }),
      (e: unknown) => ({ ok: false, reason: e instanceof Error ? e.message : String(e) }),
    ),
    (options.after ?? defaultAfter)(timeoutMs).then(() => ({
      ok: false,
      reason: `no answer from Teams within ${timeoutMs} ms`,
    })),
  ]);
  if (!outcome.ok) {
    log(`Running outside Teams: ${outcome.reason}`);
    return standalone(options);
  }
  const ctx = await teams.getContext();
  const themes = listeners();
  teams.onThemeChange((t) => themes.emit(themeKindFromTeams(t)));
  return { context: toHostContext(ctx), onThemeChange: themes.add };
}

export function toHostContext(ctx: TeamsContext): HostContext {
  const locale = ctx.app.locale || "da-DK";
  const deepLinkRoute = routeFromSubEntityId(ctx.page?.subPageId);
  return {
    inTeams: true,
    locale,
    language: languageFromLocale(locale),
    theme: themeKindFromTeams(ctx.app.theme),
    ...(ctx.sharePointSite?.teamSiteUrl ? { teamSiteUrl: ctx.sharePointSite.teamSiteUrl } : {}),
    ...(ctx.team ? { team: { groupId: ctx.team.groupId, name: ctx.team.displayName } } : {}),
    ...(ctx.channel ? { channel: { id: ctx.channel.id, name: ctx.channel.displayName } } : {}),
    user: {
      loginHint: ctx.user?.loginHint ?? ctx.user?.userPrincipalName,
      tenantId: ctx.user?.tenant?.id,
      objectId: ctx.user?.id,
    },
    ...(deepLinkRoute ? { deepLinkRoute } : {}),
  };
}
