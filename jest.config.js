// Four projects: unit (pure domain and schema rules), integration (adapters and the local
// Microsoft 365 over HTTP on a random loopback port), ui (components with fake ports), e2e
// (Chromium against the running app).
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
  // A global option (ignored inside projects): integration tests do real HTTP against the local
  // server, some with thousands of items, on a 2-core machine running four projects at once.
  testTimeout: 60000,
  // Run the test files in a worker process (one, as on 2 cores), replaced whenever it holds more
  // than this after a file: in the main process ("in band", jest's choice for one worker) every
  // file's local Microsoft 365, Chromium harness and ESM module graph piled up in one heap,
  // and a full run died of "JavaScript heap out of memory" near 4 GB.
  workerIdleMemoryLimit: "1GB",
  projects: [
    { ...common, displayName: "unit", testMatch: ["<rootDir>/tests/unit/**/*.test.ts"] },
    {
      ...common,
      displayName: "integration",
      testMatch: ["<rootDir>/tests/integration/**/*.test.ts"],
    },
    {
      ...common,
      displayName: "ui",
      // Components with fake ports in a DOM (Testing Library).
      testEnvironment: "jsdom",
      setupFiles: ["<rootDir>/tests/ui/setup-dom.ts"],
      testMatch: ["<rootDir>/tests/ui/**/*.test.ts?(x)"],
    },
    {
      ...common,
      displayName: "e2e",
      // Headless Chromium against the app started as `npm start` starts it (tests/support/app.ts);
      // the production bundle is built once per run, and setup.ts sets the long timeout.
      globalSetup: "<rootDir>/tests/e2e/global-setup.js",
      setupFilesAfterEnv: ["<rootDir>/tests/e2e/setup.ts"],
      testMatch: ["<rootDir>/tests/e2e/**/*.test.ts"],
    },
  ],
};
