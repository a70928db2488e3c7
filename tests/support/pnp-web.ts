import { BrowserFetchWithRetry, DefaultParse, type Queryable } from "@pnp/queryable";
import { DefaultHeaders, DefaultInit } from "@pnp/sp";
import { type IWeb, Web } from "@pnp/sp/webs/types.js";

import { devToken } from "./m365.js";

/** PnPjs' "auth" moment carrying the local server's dev identity (PLATFORM.md, "PnPjs v4"). */
export function DevToken(upn: string) {
  return (instance: Queryable) => {
    instance.on.auth((url: URL, init: RequestInit): Promise<[URL, RequestInit]> => {
      init.headers = { ...(init.headers as Record<string, string>), Authorization: devToken(upn) };
      return Promise.resolve([url, init]);
    });
    return instance;
  };
}

/** The site's web through PnPjs v4, configured as outside SPFx, acting as a demo user. */
export function webAs(siteUrl: string, upn: string): IWeb {
  return Web(siteUrl).using(
    DefaultHeaders(),
    DefaultInit(),
    BrowserFetchWithRetry(),
    DefaultParse(),
    DevToken(upn),
  );
}
