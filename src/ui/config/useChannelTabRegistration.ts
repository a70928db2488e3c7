import { useEffect } from "react";

import {
  registerChannelTab,
  type TabConfigApi,
  type TabInstanceConfig,
} from "../../host/tab-config.js";

/**
 * Inside Teams: registers the channel tab's save handler and marks the page valid, once the
 * page is shown. Outside Teams (no `api`) there is nothing to register.
 */
export function useChannelTabRegistration(
  api: TabConfigApi | undefined,
  config: TabInstanceConfig,
): void {
  useEffect(() => {
    if (api) registerChannelTab(api, config, (m) => console.warn(`Digistyr: ${m}`));
  }, [api, config]);
}
