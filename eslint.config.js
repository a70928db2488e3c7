// Lint with type information, import sorting and the layering fences of ARCHITECTURE.md:
// the domain imports no IO, ports import only the domain, the local Microsoft 365 (emulator)
// imports nothing from the app, and only adapters talk to PnPjs or graph-client.
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import simpleImportSort from "eslint-plugin-simple-import-sort";
import globals from "globals";
import tseslint from "typescript-eslint";

const io = [
  "@pnp/*",
  "@microsoft/*",
  "better-sqlite3",
  "node:*",
  "fs",
  "http",
  "https",
  "react",
  "react-dom",
];
const appLayers = [
  "**/domain/**",
  "**/ports/**",
  "**/adapters/**",
  "**/host/**",
  "**/ui/**",
  "**/main*",
];

export default tseslint.config(
  { ignores: ["node_modules/", "build/", "dist/", "coverage/", ".local/", "test-results/"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ["*.js", "tests/support/*.js"] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    plugins: { "simple-import-sort": simpleImportSort },
    rules: {
      "simple-import-sort/imports": "error",
      "simple-import-sort/exports": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "no-empty": ["error", { allowEmptyCatch: false }],
    },
  },
  {
    files: ["**/*.js"],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ["src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                ...io,
                "**/ports/**",
                "**/adapters/**",
                "**/host/**",
                "**/ui/**",
                "**/emulator/**",
              ],
              message: "The domain is pure: no IO, no outer layers.",
            },
          ],
        },
      ],
      "no-restricted-globals": ["error", { name: "fetch", message: "No IO in the domain." }],
      "no-restricted-properties": [
        "error",
        { object: "Date", property: "now", message: "Pass a Clock." },
      ],
    },
  },
  {
    files: ["src/ports/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [...io, "**/adapters/**", "**/host/**", "**/ui/**", "**/emulator/**"],
              message: "Ports speak domain words only.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/emulator/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [...appLayers, "@pnp/*", "@microsoft/*"],
              message:
                "The local Microsoft 365 emulates the wire and imports nothing from the app.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/ui/**/*.ts", "src/ui/**/*.tsx", "src/host/**/*.ts", "src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "@pnp/*",
                "@microsoft/microsoft-graph-client",
                "**/adapters/**",
                "**/emulator/**",
              ],
              message: "Only adapters talk to PnPjs and graph-client.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["tests/**/*.ts", "tests/**/*.tsx"],
    languageOptions: { globals: { ...globals.jest } },
    rules: {
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/unbound-method": "off",
    },
  },
  prettier,
);
