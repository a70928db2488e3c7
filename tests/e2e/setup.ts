// jest reads `testTimeout` from the global configuration only (a project's own value is
// ignored), so the end-to-end project sets its long timeout here: each journey starts a local
// Microsoft 365, provisions and seeds it, and drives Chromium.
import { jest } from "@jest/globals";

jest.setTimeout(180_000);
