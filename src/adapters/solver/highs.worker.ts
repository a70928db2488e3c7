/**
 * The Web Worker that runs HiGHS for the tab (started by `highs-browser.ts`): the adapter of
 * `highs.ts` served over the messages of `worker-protocol.ts`. `highs.wasm` is the bundle's
 * asset (see webpack.config.js), fetched from the worker's own location on the first solve.
 */
import wasmUrl from "highs/runtime";

import { createHighsSolver } from "./highs.js";
import { serveSolves, type WorkerScope } from "./worker-protocol.js";

const scope = self as unknown as WorkerScope & { location: { href: string } };

serveSolves(
  createHighsSolver({ wasmUrl: () => new URL(wasmUrl, scope.location.href).href }),
  scope,
);
