// Types of eslint.config.js for the tests that read its fences (tests/unit/lint-fences.test.ts).
import type { Linter } from "eslint";

export interface Layer {
  name: string;
  /** The layer's folder under src/ (or the composition root's one file). */
  dir: string;
  /** Places it may import. */
  may: readonly string[];
  /** Places it may import types from (`import type`). */
  typesFrom?: readonly string[];
  /** npm package groups it may use, or "none". */
  packages: readonly string[] | "none";
  message: string;
}

export const IMPORT_RULE: "@typescript-eslint/no-restricted-imports";
export const LAYERS: readonly Layer[];
declare const config: Linter.Config[];
export default config;
