/**
 * The tab's places: hash routes (`#/overblik`, `#/initiativ/42`) and how an address is read.
 * Hash routing needs no server rewrites, works in a Teams iframe and in a static bundle on any
 * host. Pure, so the shell (menu, links) and the host (a Teams deep link's sub-entity id) read
 * addresses the same way.
 */
export const VIEW_KEYS = [
  "overview",
  "portfolio",
  "prioritization",
  "meetings",
  "resources",
  "funding",
  "benefits",
  "reports",
  "strategy",
  "settings",
] as const;

export type ViewKey = (typeof VIEW_KEYS)[number];

/** The Danish path of each view (ASCII, so links survive any mail client). */
export const VIEW_PATHS: Readonly<Record<ViewKey, string>> = {
  overview: "overblik",
  portfolio: "portefolje",
  prioritization: "prioritering",
  meetings: "moeder",
  resources: "ressourcer",
  funding: "finansiering",
  benefits: "gevinster",
  reports: "rapporter",
  strategy: "strategi",
  settings: "indstillinger",
};

/** Pages under the portfolio that are not views of their own in the menu. */
export const PORTFOLIO_PAGES = ["intake", "import", "statusReports"] as const;
export type PortfolioPage = (typeof PORTFOLIO_PAGES)[number];

export const PORTFOLIO_PAGE_PATHS: Readonly<Record<PortfolioPage, string>> = {
  intake: "portefolje/nyt",
  import: "portefolje/import",
  statusReports: "portefolje/status",
};

/** Pages of Prioritering: criteria and weights, rounds (and one round), scenarios. */
export const PRIORITIZATION_PAGES = ["criteria", "rounds", "scenarios"] as const;
export type PrioritizationPage = (typeof PRIORITIZATION_PAGES)[number];

export const PRIORITIZATION_PAGE_PATHS: Readonly<Record<PrioritizationPage, string>> = {
  criteria: "prioritering/kriterier",
  rounds: "prioritering/runder",
  scenarios: "prioritering/scenarier",
};

/** Pages of one meeting: the agenda (default) and the minutes. */
export const MEETING_PAGES = ["agenda", "minutes"] as const;
export type MeetingPage = (typeof MEETING_PAGES)[number];

export const MEETING_PAGE_PATHS: Readonly<Record<MeetingPage, string>> = {
  agenda: "dagsorden",
  minutes: "referat",
};

/** The decision log with open actions (`#/moeder/beslutninger`). */
export const DECISION_LOG_PATH = "moeder/beslutninger";

/** Systemtjek: the doctor's checks for site owners (`#/systemtjek`), not in everyone's menu. */
export const SYSTEM_CHECK_PATH = "systemtjek";

/**
 * Uregelmæssigheder: every irregular item of the site for the chair and the secretary
 * (`#/uregelmaessigheder`), not in everyone's menu.
 */
export const IRREGULARITIES_PATH = "uregelmaessigheder";

export type Route =
  | { kind: "view"; view: ViewKey }
  | { kind: "initiative"; id: number }
  /** Nyt forslag; `draft` continues a saved draft (a PersonalItems id). */
  | { kind: "intake"; draft: number | null }
  | { kind: "import" }
  | { kind: "statusReports" }
  /** A page of Prioritering; `id` is a round (`prioritering/runder/<id>`) or a scenario. */
  | { kind: "prioritization"; page: PrioritizationPage; id: number | null }
  /** One meeting (`moeder/<id>`, `moeder/<id>/dagsorden`, `moeder/<id>/referat`). */
  | { kind: "meeting"; id: number; page: MeetingPage }
  | { kind: "decisionLog" }
  | { kind: "systemCheck" }
  | { kind: "irregularities" }
  /**
   * Finansiering opened at one frame (`finansiering/ramme/2026/anlaeg`), optionally with a new
   * amount filled in (`.../9280000`): where the optimizer sends a user to raise a frame.
   */
  | { kind: "fundingFrame"; year: number; budgetKind: FrameKind; amount: number | null }
  | { kind: "notFound"; path: string };

/** The kinds of frame a link can open, with their ASCII path segment. */
export const FRAME_KIND_PATHS = { Anlæg: "anlaeg", Drift: "drift" } as const;
export type FrameKind = keyof typeof FRAME_KIND_PATHS;

export function parseRoute(hash: string): Route {
  const path = hash
    .replace(/^#?\/?/, "")
    // A place inside the page after a second '#' (an agenda point: `#/moeder/12#punkt-3`).
    .replace(/#.*$/, "")
    .replace(/\/+$/, "")
    .toLowerCase();
  if (path === "") return { kind: "view", view: "overview" };
  const initiative = /^initiativ\/(\d+)$/.exec(path);
  if (initiative) return { kind: "initiative", id: Number(initiative[1]) };
  const draft = /^portefolje\/nyt(?:\/(\d+))?$/.exec(path);
  if (draft) return { kind: "intake", draft: draft[1] ? Number(draft[1]) : null };
  if (path === PORTFOLIO_PAGE_PATHS.import) return { kind: "import" };
  if (path === PORTFOLIO_PAGE_PATHS.statusReports) return { kind: "statusReports" };
  for (const page of PRIORITIZATION_PAGES) {
    const m = new RegExp(`^${PRIORITIZATION_PAGE_PATHS[page]}(?:/(\\d+))?$`).exec(path);
    if (m) return { kind: "prioritization", page, id: m[1] ? Number(m[1]) : null };
  }
  if (path === DECISION_LOG_PATH) return { kind: "decisionLog" };
  if (path === SYSTEM_CHECK_PATH) return { kind: "systemCheck" };
  if (path === IRREGULARITIES_PATH) return { kind: "irregularities" };
  const frame = /^finansiering\/ramme\/(\d{4})\/(anlaeg|drift)(?:\/(\d+))?$/.exec(path);
  if (frame) {
    return {
      kind: "fundingFrame",
      year: Number(frame[1]),
      budgetKind: frame[2] === "drift" ? "Drift" : "Anlæg",
      amount: frame[3] ? Number(frame[3]) : null,
    };
  }
  const meeting = /^moeder\/(\d+)(?:\/([a-z]+))?$/.exec(path);
  if (meeting) {
    const page = meeting[2]
      ? MEETING_PAGES.find((p) => MEETING_PAGE_PATHS[p] === meeting[2])
      : "agenda";
    if (page) return { kind: "meeting", id: Number(meeting[1]), page };
  }
  const view = VIEW_KEYS.find((k) => VIEW_PATHS[k] === path);
  return view ? { kind: "view", view } : { kind: "notFound", path };
}

export function hrefFor(view: ViewKey): string {
  return `#/${VIEW_PATHS[view]}`;
}

export function hrefForInitiative(id: number): string {
  return `#/initiativ/${id}`;
}

/** A page under the portfolio; for the intake form, optionally continuing a saved draft. */
export function hrefForPage(page: PortfolioPage, draft?: number): string {
  return `#/${PORTFOLIO_PAGE_PATHS[page]}${page === "intake" && draft !== undefined ? `/${draft}` : ""}`;
}

/** A page of Prioritering, optionally one round or scenario (`#/prioritering/runder/7`). */
export function hrefForPrioritization(page: PrioritizationPage, id?: number): string {
  return `#/${PRIORITIZATION_PAGE_PATHS[page]}${id !== undefined ? `/${id}` : ""}`;
}

/** One meeting's page: its agenda (default) or its minutes (`#/moeder/12/referat`). */
export function hrefForMeeting(id: number, page: MeetingPage = "agenda"): string {
  return `#/moeder/${id}${page === "agenda" ? "" : `/${MEETING_PAGE_PATHS[page]}`}`;
}

/** The decision log with the open actions. */
export function hrefForDecisionLog(): string {
  return `#/${DECISION_LOG_PATH}`;
}

/** Systemtjek (site owners). */
export function hrefForSystemCheck(): string {
  return `#/${SYSTEM_CHECK_PATH}`;
}

/** Uregelmæssigheder (the chair and the secretary). */
export function hrefForIrregularities(): string {
  return `#/${IRREGULARITIES_PATH}`;
}

/** Finansiering at one frame, with the amount to raise it to filled in (whole kroner). */
export function hrefForFundingFrame(year: number, kind: FrameKind, amount?: number): string {
  const tail = amount === undefined ? "" : `/${Math.ceil(amount)}`;
  return `#/${VIEW_PATHS.funding}/ramme/${year}/${FRAME_KIND_PATHS[kind]}${tail}`;
}
