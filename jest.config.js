// Three projects: unit (pure domain and schema rules), integration (adapters and the local
// Microsoft 365 over HTTP on a random loopback port), ui (components with fake ports).
// ESM throughout because @pnp/* v4 ships ESM only (see ../shared/PLATFORM.md).
const swc = [
  "@swc/jest",
  {
    jsc: {
      parser: { syntax: "typescript", tsx: true },
      target: "es2022",
      experimental: { keepImportAttributes: true },
      transform: { react: { runtime: "automatic" } },
    },
    module: { type: "es6" },
  },
];

const common = {
  extensionsToTreatAsEsm: [".ts", ".tsx"],
  transform: { "^.+\\.tsx?$": swc },
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
  testEnvironment: "node",
};

/** @type {import('jest').Config} */
export default {
  reporters: ["default", "<rootDir>/tests/support/summary-reporter.js"],
  projects: [
    { ...common, displayName: "unit", testMatch: ["<rootDir>/tests/unit/**/*.test.ts"] },
    {
      ...common,
      displayName: "integration",
      // Real HTTP against the local server, some with thousands of items.
      testTimeout: 60000,
      testMatch: ["<rootDir>/tests/integration/**/*.test.ts"],
    },
    {
      ...common,
      displayName: "ui",
      // Components with fake ports in a DOM (Testing Library).
      testEnvironment: "jsdom",
      testMatch: ["<rootDir>/tests/ui/**/*.test.ts?(x)"],
    },
  ],
};
