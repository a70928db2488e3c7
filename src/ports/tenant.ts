/**
 * What the doctor reads from a tenant to tell whether it is ready for Digistyr: the SharePoint
 * site's lists, fields, permission levels, groups and role assignments, what the tokens say
 * about their delegated permissions, harmless probes where they say nothing, the Teams
 * channels, the calendar, the mailbox and whether the browser may read the ETag header.
 *
 * Every method reads; none changes anything in the tenant and none sends mail or posts.
 * Read failures other than those named reject with a `StoreError`.
 */
import type {
  FieldFacts,
  GroupFacts,
  ListFacts,
  RoleAssignmentFacts,
  RoleDefinitionFacts,
  ScopeSource,
} from "../domain/readiness.js";
import type { TokenAudience } from "./auth.js";

/** Who the site was read as. */
export interface SiteFacts {
  url: string;
  title: string;
  /** The user the (SharePoint) token acts for. */
  user: { title: string; login: string };
  /** A site collection administrator or a member of the site's owners group. */
  userOwnsSite: boolean;
  /** The site's owners group, which keeps Full Control on every list. */
  ownerGroup?: { id: number; title: string };
  /**
   * The identity lists, fields, groups and role assignments are read as, when a separate
   * administrator token was given (the provisioning identity).
   */
  admin?: { title: string; ownsSite: boolean };
}

/** Why the site could not be read at all (the doctor stops: exit code 2). */
export type Unreachable =
  | { kind: "network"; detail: string }
  /** 401: the token was not accepted. */
  | { kind: "unauthorized"; detail: string }
  /** 403 on the site itself: the user has no access to it. */
  | { kind: "forbidden"; detail: string }
  /** 404: no site at this address. */
  | { kind: "notFound"; detail: string }
  | { kind: "other"; status: number; detail: string };

export type SiteAnswer =
  { reachable: true; site: SiteFacts } | { reachable: false; why: Unreachable };

/** What a token says about its own delegated permissions. */
export type TokenClaims =
  | { kind: "claimed"; source: ScopeSource; scopes: readonly string[] }
  /** The token does not say (a plain local `dev:<upn>`, or an opaque token). */
  | { kind: "silent" };

/** The answer of a harmless request that needs a permission. */
export interface ProbeResult {
  outcome: "present" | "missing" | "unknown";
  /** e.g. the HTTP status when it could not tell. */
  detail?: string;
}

/** Whether a Teams team and channel can be reached by the signed-in user. */
export type ChannelReach =
  | { kind: "ok"; team: string; channel: string }
  | { kind: "teamNotFound" }
  /** The team exists, but the user is not a member (so the channel cannot be checked). */
  | { kind: "notMember"; team?: string }
  | { kind: "channelNotFound"; team: string }
  /** Refused for lack of a delegated permission. */
  | { kind: "denied"; detail: string }
  | { kind: "error"; detail: string };

export type ServiceReach =
  { kind: "ok" } | { kind: "denied"; detail: string } | { kind: "error"; detail: string };

export type MailboxFacts =
  | { kind: "ok"; address: string | null }
  | { kind: "denied"; detail: string }
  | { kind: "error"; detail: string };

/** Whether a page of the tab's origin can read SharePoint's ETag response header. */
export type EtagExposure =
  | { kind: "exposed"; origin: string }
  | {
      kind: "notExposed";
      origin: string;
      /** What was missing: the origin not allowed, ETag not exposed, If-Match not allowed. */
      problems: readonly ("originRefused" | "etagHidden" | "ifMatchRefused")[];
    }
  | { kind: "notChecked"; reason: "noOrigin" | "noItem" | "error"; detail?: string };

export interface TenantProbe {
  /** The site and who reads it; `reachable: false` when it cannot be read at all. */
  site(): Promise<SiteAnswer>;
  lists(): Promise<ListFacts[]>;
  /** The fields of a list, by the list's URL name. */
  fields(list: string): Promise<FieldFacts[]>;
  roleDefinitions(): Promise<RoleDefinitionFacts[]>;
  siteGroups(): Promise<GroupFacts[]>;
  /**
   * The direct role assignments of a list (or of the site itself without `list`), or
   * `"denied"` when the token may not read them (it needs AllSites.FullControl).
   */
  roleAssignments(list?: string): Promise<RoleAssignmentFacts[] | "denied">;
  /** What the token for `audience` says about its scopes. */
  claims(audience: TokenAudience): Promise<TokenClaims>;
  /** A harmless request that needs `scope` (of `audience`); never changes anything. */
  probe(audience: TokenAudience, scope: string): Promise<ProbeResult>;
  /** The values of the Settings list (Indstillinger) by key. */
  settings(): Promise<ReadonlyMap<string, string>>;
  channel(teamId: string, channelId: string): Promise<ChannelReach>;
  /** Reads one event of the user's calendar (`GET /me/events?$top=1`). */
  calendar(): Promise<ServiceReach>;
  /** The user's mail address from their profile; sends nothing. */
  mailbox(): Promise<MailboxFacts>;
  etag(): Promise<EtagExposure>;
}
