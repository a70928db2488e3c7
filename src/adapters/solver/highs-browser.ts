/**
 * The HiGHS solver in the tab: `highs.wasm` is emitted by webpack as an asset of the bundle (see
 * webpack.config.js) and its URL handed to the loader as `locateFile`; the loader's JavaScript
 * is a lazy chunk fetched on the first solve. This module itself is small: the composition root
 * may import it eagerly.
 */
import wasmUrl from "highs/runtime";

import { createHighsSolver, type HighsPortfolioSolver } from "./highs.js";

export function createBrowserHighsSolver(): HighsPortfolioSolver {
  return createHighsSolver({ wasmUrl: () => new URL(wasmUrl, document.baseURI).href });
}
