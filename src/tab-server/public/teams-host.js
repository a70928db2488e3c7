// The local Teams host page (local mode only): frames the tab and answers teams-js over
// postMessage the way Teams does, so the in-Teams path (initialize, getContext, theme changes,
// the chosen user's login hint, the locale, deep links) runs in a plain browser.
//
// teams-js 2.x sends requests {id, uuidAsString, func, args, ...} to its parent window and
// matches responses {id, uuidAsString, args} to them (internal/communication.js and
// messageObjects.js in @microsoft/teams-js). `initialize` is answered with
// [frameContext, hostClientType, runtimeConfig (JSON string), clientSupportedSDKVersion]
// (internal/appHelpers.js); `getContext` with [legacy context] (public/app/app.js turns it
// into app.Context). Host-initiated events are {func, args} without a numeric id, e.g.
// {func: "themeChange", args: ["dark"]}.
//
// `?mode=config` opens the channel tab's configuration page (`/?mode=config`) the way Teams
// does when a tab is added to a channel: frame context "settings", a Gem (Save) button that is
// enabled by `settings.setValidityState(true)` and sends `settings.save`, `settings.setSettings`
// answered [true] (teams-js pages.config, internal/pagesHelpers.js) and the page's
// `settings.save.success`/`failure` shown. What the page saved is window.teamsHostTabConfig.
/* global document, window */

const SDK_VERSION = "2.58.0";
const RUNTIME = {
  apiVersion: 4,
  isNAAChannelRecommended: false,
  hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
  supports: {
    app: {},
    appInstallDialog: {},
    pages: { appButton: {}, tabs: {}, config: {}, backStack: {}, fullTrust: {} },
    teamsCore: {},
  },
};

const frame = document.getElementById("tab");
const userSelect = document.getElementById("user");
const themeSelect = document.getElementById("theme");
const localeSelect = document.getElementById("locale");
const subEntityInput = document.getElementById("subEntityId");
const status = document.getElementById("status");

/** Every request the tab sent, for tests and for curiosity (window.teamsHostLog). */
const log = [];
window.teamsHostLog = log;

let hostConfig;

const configMode = new URLSearchParams(window.location.search).get("mode") === "config";
const frameContext = configMode ? "settings" : "content";
/** The configuration page's answers (config mode). */
const tabConfig = { valid: false, settings: null, saved: null };
window.teamsHostTabConfig = tabConfig;
let saveButton;

function legacyContext() {
  const upn = userSelect.value;
  const user = hostConfig.users.find((u) => u.upn === upn);
  return {
    locale: localeSelect.value,
    theme: themeSelect.value,
    entityId: "digistyr",
    subEntityId: subEntityInput.value.trim() || undefined,
    frameContext,
    hostClientType: "web",
    hostName: "Teams",
    loginHint: upn,
    userPrincipalName: upn,
    userDisplayName: user ? user.displayName : undefined,
    tid: hostConfig.tenantId,
    teamId: hostConfig.team.internalId,
    teamName: hostConfig.team.name,
    groupId: hostConfig.team.groupId,
    channelId: hostConfig.channel.id,
    channelName: hostConfig.channel.name,
    teamSiteUrl: hostConfig.siteUrl,
    appSessionId: "local-session",
  };
}

function reply(request, args) {
  frame.contentWindow.postMessage(
    { id: request.id, uuidAsString: request.uuidAsString, args },
    window.location.origin,
  );
}

window.addEventListener("message", (event) => {
  if (event.source !== frame.contentWindow || event.origin !== window.location.origin) return;
  const request = event.data;
  if (!request || typeof request.func !== "string" || typeof request.id !== "number") return;
  log.push(request.func);
  switch (request.func) {
    case "initialize":
      reply(request, [frameContext, "web", JSON.stringify(RUNTIME), SDK_VERSION]);
      status.textContent = "Fanen er initialiseret (teams-js initialize besvaret).";
      break;
    case "getContext":
      reply(request, [legacyContext()]);
      break;
    case "settings.setValidityState":
      tabConfig.valid = request.args?.[0] === true;
      if (saveButton) saveButton.disabled = !tabConfig.valid;
      break;
    case "settings.setSettings":
      tabConfig.settings = request.args?.[0] ?? null;
      reply(request, [true]);
      break;
    case "settings.save.success":
      tabConfig.saved = "success";
      status.textContent = "Fanen er gemt i kanalen.";
      break;
    case "settings.save.failure":
      tabConfig.saved = `failure: ${request.args?.[0] ?? ""}`;
      status.textContent = `Fanen kunne ikke gemmes: ${request.args?.[0] ?? ""}`;
      break;
    default:
      // registerHandler, appInitialization.* and the like need no answer.
      break;
  }
});

function loadTab() {
  const params = new URLSearchParams({ user: userSelect.value, locale: localeSelect.value });
  window.history.replaceState(
    null,
    "",
    `?${configMode ? "mode=config&" : ""}${params.toString()}&theme=${themeSelect.value}&subEntityId=${encodeURIComponent(subEntityInput.value)}`,
  );
  tabConfig.valid = false;
  tabConfig.settings = null;
  tabConfig.saved = null;
  if (saveButton) saveButton.disabled = true;
  frame.src = configMode ? "/?mode=config" : "/";
}

themeSelect.addEventListener("change", () => {
  // Live, as Teams does: no reload.
  frame.contentWindow.postMessage(
    { func: "themeChange", args: [themeSelect.value] },
    window.location.origin,
  );
  status.textContent = `Tema sendt til fanen: ${themeSelect.value}`;
});
userSelect.addEventListener("change", loadTab);
localeSelect.addEventListener("change", loadTab);
document.getElementById("controls").addEventListener("submit", (event) => {
  event.preventDefault();
  loadTab();
});

if (configMode) {
  // Teams' own Save button under a configuration page.
  saveButton = document.createElement("button");
  saveButton.type = "button";
  saveButton.textContent = "Gem";
  saveButton.disabled = true;
  saveButton.addEventListener("click", () => {
    frame.contentWindow.postMessage({ func: "settings.save", args: [{}] }, window.location.origin);
  });
  document.getElementById("controls").append(saveButton);
}

async function start() {
  const response = await fetch("/teams-host-config.json", { cache: "no-store" });
  if (!response.ok) throw new Error(`teams-host-config.json: HTTP ${response.status}`);
  hostConfig = await response.json();
  const query = new URLSearchParams(window.location.search);
  for (const u of hostConfig.users) {
    const option = document.createElement("option");
    option.value = u.upn;
    option.textContent = u.roles.length
      ? `${u.displayName} (${u.roles.join(", ")})`
      : u.displayName;
    userSelect.append(option);
  }
  const wanted = query.get("user");
  if (wanted && hostConfig.users.some((u) => u.upn === wanted)) userSelect.value = wanted;
  for (const [select, key] of [
    [themeSelect, "theme"],
    [localeSelect, "locale"],
  ]) {
    const v = query.get(key);
    if (v && [...select.options].some((o) => o.value === v)) select.value = v;
  }
  subEntityInput.value = query.get("subEntityId") || "";
  loadTab();
}

start().catch((e) => {
  console.error(e);
  status.textContent = `Den lokale Teams-vært kunne ikke starte: ${e.message}`;
});
