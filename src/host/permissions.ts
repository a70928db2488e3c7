/**
 * The delegated permissions Digistyr uses, from the one declaration in
 * `manifest/permissions.json`: what the tab asks for at sign-in, what the separate provisioning
 * identity needs, why, and whether an administrator must consent. The sign-in, the local
 * Microsoft 365's dev tokens, docs/deploy.md and the doctor all read it from here.
 */
import declaration from "../../manifest/permissions.json" with { type: "json" };

export type PermissionResource = "graph" | "sharepoint";

export interface DelegatedPermission {
  resource: PermissionResource;
  /** As the token's `scp` claim carries it, e.g. `Calendars.ReadWrite`, `AllSites.Write`. */
  scope: string;
  why: string;
  adminConsent: boolean;
}

function typed(list: readonly { resource: string }[]): readonly DelegatedPermission[] {
  for (const p of list) {
    if (p.resource !== "graph" && p.resource !== "sharepoint") {
      throw new Error(`manifest/permissions.json: unknown resource ${p.resource}`);
    }
  }
  return list as readonly DelegatedPermission[];
}

/** What the Teams tab asks for (never more than it needs: no AllSites.FullControl). */
export const TAB_PERMISSIONS: readonly DelegatedPermission[] = typed(declaration.tab);

/** What the provisioning identity needs (an administrator runs it, not the tab). */
export const PROVISIONING_PERMISSIONS: readonly DelegatedPermission[] = typed(
  declaration.provisioning,
);

/** The scopes of one resource in a declaration, e.g. the tab's Graph scopes. */
export function scopesOf(
  permissions: readonly DelegatedPermission[],
  resource: PermissionResource,
): string[] {
  return permissions.filter((p) => p.resource === resource).map((p) => p.scope);
}

/** Every scope the tab's tokens carry together (the local server's default for `dev:<upn>`). */
export const TAB_SCOPES: readonly string[] = TAB_PERMISSIONS.map((p) => p.scope);

/** Every scope the provisioning identity's token carries. */
export const PROVISIONING_SCOPES: readonly string[] = PROVISIONING_PERMISSIONS.map((p) => p.scope);

/** The tab's Graph scopes, as Graph names them (`User.Read`, ...), in the declaration's order. */
export const TAB_GRAPH_SCOPES: readonly string[] = scopesOf(TAB_PERMISSIONS, "graph");

/**
 * The tab's SharePoint scopes for one tenant, fully qualified with the tenant's SharePoint
 * origin, e.g. `https://contoso.sharepoint.com/AllSites.Write` (a SharePoint permission is
 * requested on the resource it belongs to).
 */
export function sharePointScopes(
  siteUrl: string,
  permissions: readonly DelegatedPermission[] = TAB_PERMISSIONS,
): string[] {
  const origin = new URL(siteUrl).origin;
  return scopesOf(permissions, "sharepoint").map((scope) => `${origin}/${scope}`);
}
