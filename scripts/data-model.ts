/**
 * `npm run docs:data-model`: regenerates the list reference in docs/data-model.md from
 * lists-schema (see data-model-doc.ts), keeping the hand-written part above it.
 */
import { readFileSync, writeFileSync } from "node:fs";

import { renderDataModel } from "./data-model-doc.js";

const path = "docs/data-model.md";
const next = await renderDataModel(readFileSync(path, "utf8"), path);
writeFileSync(path, next);
process.stdout.write(`${path} written.\n`);
