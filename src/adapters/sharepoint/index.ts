/**
 * The SharePoint adapters (PnPjs v4): one entry point for the composition root.
 */
import type { TokenProvider } from "../../ports/auth.js";
import type { CurrentUser, SitePeople } from "../../ports/current-user.js";
import type { Repositories } from "../../ports/repositories.js";
import { SpCurrentUser, type SpCurrentUserOptions, SpSitePeople } from "./current-user.js";
import { createSpRepositories } from "./repositories.js";
import { createSp, type SpOptions } from "./sp.js";

export { runBatch } from "./batch.js";
export { SpCurrentUser, SpSitePeople } from "./current-user.js";
export { toStoreError } from "./errors.js";
export { createSpRepositories, SpInitiativeRepository } from "./repositories.js";
export { SpListRepository } from "./repository.js";
export { createSp, type SpOptions, type SpSite } from "./sp.js";

export interface SharePointAdapters {
  repositories: Repositories;
  currentUser: CurrentUser;
  people: SitePeople;
}

/** Everything the app needs from SharePoint, for one site and one token provider. */
export function createSharePointAdapters(
  siteUrl: string,
  tokens: TokenProvider,
  options: SpOptions & SpCurrentUserOptions = {},
): SharePointAdapters {
  const site = createSp(siteUrl, tokens, options);
  return {
    repositories: createSpRepositories(site),
    currentUser: new SpCurrentUser(site, options),
    people: new SpSitePeople(site),
  };
}
