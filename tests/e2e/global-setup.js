// Once per jest run, before any end-to-end test: the production bundle in build/tab/, built
// with webpack as `npm start` builds it when it is missing or older than its sources.
// jest loads global setup outside its ESM test runtime (no `.js` → `.ts` mapping there), so
// the TypeScript build helpers are loaded through tsx, as `npm start` loads them.
import { join } from "node:path";

import { tsImport } from "tsx/esm/api";

const root = join(import.meta.dirname, "..", "..");

export default async function globalSetup() {
  /** @type {typeof import("../../src/tab-server/build.ts")} */
  const { buildTab, tabNeedsBuild } = await tsImport(
    "../../src/tab-server/build.ts",
    import.meta.url,
  );
  if (tabNeedsBuild(root)) {
    process.stdout.write("\nBuilding the tab's production bundle for the end-to-end tests…\n");
    await buildTab(root);
  }
}
