import { useSyncExternalStore } from "react";

import type { LocalIdentity } from "../../host/local-identity.js";
import type { DemoIdentity } from "../../host/runtime-config.js";

/** The chosen demo identity, re-rendering when it changes. */
export function useLocalIdentity(identity: LocalIdentity | undefined): DemoIdentity | undefined {
  return useSyncExternalStore(
    (onChange) => identity?.subscribe(onChange) ?? (() => undefined),
    () => identity?.current(),
  );
}
