import { useEffect } from "react";

import type { TabConfigApi, TabInstanceConfig } from "../../host/tab-config.js";

/**
 * Registers the save handler (which hands Teams the tab's configuration and reports success,
 * or failure with the reason) and marks the page valid, so Teams enables its Save button.
 * teams-js is reached only through the `TabConfigApi` the host binds and hands in.
 */
export function registerChannelTab(
  api: TabConfigApi,
  config: TabInstanceConfig,
  log: (message: string) => void = () => undefined,
): void {
  api.registerOnSaveHandler((event) => {
    api.setConfig(config).then(
      () => event.notifySuccess(),
      (e: unknown) => {
        const reason = e instanceof Error ? e.message : String(e);
        log(`The channel tab could not be saved: ${reason}`);
        event.notifyFailure(reason);
      },
    );
  });
  api.setValidityState(true);
}

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
