/**
 * The PnPjs pipeline provisioning talks through: the same behaviours the app's adapters use
 * outside SPFx (PLATFORM.md, "PnPjs v4"), including their `send` step that retries throttled
 * requests within a budget of waiting time, with a bearer token set on the "auth" moment.
 * `SPBrowser()` is avoided on purpose: without an Authorization header it fetches a request
 * digest before every write, which neither a delegated-token client nor the local server needs.
 *
 * PnPjs adds `sp.web`, `web.lists`, `list.fields` ... by module augmentation of extensionless
 * paths (`declare module "../fi"`), which TypeScript's NodeNext resolution does not apply.
 * So this file builds the same objects from PnPjs's own factories (what those getters call
 * at run time) and hands out a small typed surface. The requests are identical.
 */
import "@pnp/sp/webs/index.js";

import { DefaultParse, type Queryable } from "@pnp/queryable";
import { DefaultHeaders, DefaultInit, spfi, spPost, SPQueryable } from "@pnp/sp";
import { Fields, type IFields } from "@pnp/sp/fields/types.js";
import { Items } from "@pnp/sp/items/types.js";
import { type IList, type ILists, List, Lists } from "@pnp/sp/lists/types.js";
import {
  type IRoleAssignments,
  type IRoleDefinitions,
  RoleAssignments,
  RoleDefinitions,
} from "@pnp/sp/security/types.js";
import {
  type ISiteGroup,
  type ISiteGroups,
  SiteGroup,
  SiteGroups,
} from "@pnp/sp/site-groups/types.js";
import { type ISiteUser, SiteUser } from "@pnp/sp/site-users/types.js";
import { encodePath } from "@pnp/sp/utils/encode-path-str.js";
import type { IWeb } from "@pnp/sp/webs/types.js";

import {
  resolveRetryPolicy,
  type RetryPolicy,
  type RetryPolicyOptions,
  SCRIPT_BUDGET_MS,
} from "../adapters/retry-policy.js";
import { FetchWithRetry } from "../adapters/sharepoint/sp.js";
import type { TokenProvider } from "../ports/auth.js";

export type { IFields, IList };

/**
 * How provisioning rides out throttling: the app's own retry step (src/adapters/retry-policy.ts),
 * with a longer budget, since nobody waits at a spinner and the run should rather finish. Every
 * wait is reported through `onRetry`, which `npm run provision` prints.
 */
export type ProvisioningRetryOptions = RetryPolicyOptions;

export interface ProvisioningSpOptions {
  retry?: ProvisioningRetryOptions;
  /** A ceiling on the retries of one request (none by default: the budget decides). */
  retries?: number;
  /** First back-off in milliseconds when SharePoint sends no Retry-After. */
  retryIntervalMs?: number;
}

/** The retry policy of provisioning: a fifteen-minute budget of waiting per request by default. */
export function provisioningRetry(options: ProvisioningSpOptions = {}): RetryPolicy {
  return resolveRetryPolicy(
    {
      ...(options.retries !== undefined ? { retries: options.retries } : {}),
      ...(options.retryIntervalMs !== undefined ? { baseDelayMs: options.retryIntervalMs } : {}),
      ...options.retry,
    },
    { budgetMs: SCRIPT_BUDGET_MS },
  );
}

/** The parts of the SharePoint REST API provisioning uses. */
export interface SiteApi {
  lists: ILists;
  /** `web/getList('<server-relative url>')`: a list by URL, whatever its display title. */
  getList(serverRelativeUrl: string): IList;
  siteGroups: ISiteGroups;
  associatedOwnerGroup: ISiteGroup;
  /** `web/currentuser`: whoever the token belongs to (the provisioning identity). */
  currentUser: ISiteUser;
  /** `web/roledefinitions`: the site's permission levels (PnPjs `roleDefinitions.add`, ...). */
  roleDefinitions: IRoleDefinitions;
  fields(list: IList): IFields;
  roleAssignments(list: IList): IRoleAssignments;
  /** Ids of the list's items that have permissions of their own (HasUniqueRoleAssignments). */
  itemsWithOwnPermissions(list: IList): Promise<number[]>;
  /** `items(<id>)/resetroleinheritance`: the item inherits the list's permissions again. */
  resetItemInheritance(list: IList, id: number): Promise<void>;
  /** `breakroleinheritance(copyroleassignments=..., clearsubscopes=...)` as PnPjs sends it. */
  breakRoleInheritance(
    list: IList,
    copyRoleAssignments: boolean,
    clearSubscopes: boolean,
  ): Promise<void>;
}

/** Sets `Authorization: Bearer <token>` on every request, asking the provider each time. */
function bearerFrom(tokens: TokenProvider) {
  return (instance: Queryable) => {
    instance.on.auth(async function (url: URL, init: RequestInit): Promise<[URL, RequestInit]> {
      const token = await tokens.getToken("sharepoint");
      init.headers = {
        ...(init.headers as Record<string, string>),
        Authorization: `Bearer ${token}`,
      };
      return [url, init];
    });
    return instance;
  };
}

export function createSiteApi(
  siteUrl: string,
  tokens: TokenProvider,
  options: ProvisioningSpOptions = {},
): SiteApi {
  const sp = spfi(siteUrl).using(
    DefaultHeaders(),
    DefaultInit(),
    FetchWithRetry(provisioningRetry(options)),
    DefaultParse(),
    bearerFrom(tokens),
  );
  // Defined at run time by the "@pnp/sp/webs/index.js" import above.
  const web = (sp as unknown as { web: IWeb }).web;
  return {
    lists: Lists(web),
    getList: (url) => List(web, `getList('${encodePath(url)}')`),
    siteGroups: SiteGroups(web),
    associatedOwnerGroup: SiteGroup(web, "associatedOwnerGroup"),
    currentUser: SiteUser(web, "currentuser"),
    roleDefinitions: RoleDefinitions(web),
    fields: (list) => Fields(list),
    roleAssignments: (list) => RoleAssignments(list),
    itemsWithOwnPermissions: async (list) => {
      const ids: number[] = [];
      // Pages of at most 5,000 without a filter pass the list view threshold.
      const pages = Items(list).select("Id", "HasUniqueRoleAssignments").top(5000);
      for await (const page of pages as AsyncIterable<
        { Id: number; HasUniqueRoleAssignments?: boolean }[]
      >) {
        for (const item of page) if (item.HasUniqueRoleAssignments === true) ids.push(item.Id);
      }
      return ids;
    },
    resetItemInheritance: async (list, id) => {
      await spPost(SPQueryable(list, `items(${id})/resetroleinheritance`));
    },
    breakRoleInheritance: async (list, copy, clear) => {
      await spPost(
        SPQueryable(
          list,
          `breakroleinheritance(copyroleassignments=${copy}, clearsubscopes=${clear})`,
        ),
      );
    },
  };
}
