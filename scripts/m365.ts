/**
 * `npm run m365 -- --port <n> --data <dir> [--faults "..."] [--scopes A,B]`: the local
 * Microsoft 365 (src/emulator/cli.ts) with a plain `Bearer dev:<upn>` carrying the tab's declared
 * delegated permissions (manifest/permissions.json), as the tab's tokens would. The emulator
 * imports nothing from the app, so the scopes come from here; `--scopes` overrides them.
 */
import { mainM365 } from "../src/emulator/cli.js";
import { TAB_SCOPES } from "../src/host/permissions.js";

mainM365(process.argv.slice(2), { defaultScopes: TAB_SCOPES });
