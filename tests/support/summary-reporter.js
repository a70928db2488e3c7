// Writes jest's totals to test-results/summary.json so .ci/run can print the plain
// "N passed, N failed" line that CI reads (jest's own summary is not read there).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const dir = join(process.cwd(), "test-results");
    mkdirSync(dir, { recursive: true });
    const failedSuites = results.testResults.filter(
      (r) => r.testExecError || (r.failureMessage && r.numFailingTests === 0),
    ).length;
    writeFileSync(
      join(dir, "summary.json"),
      JSON.stringify({
        passed: results.numPassedTests,
        failed: results.numFailedTests + failedSuites,
        skipped: results.numPendingTests + results.numTodoTests,
      }),
    );
  }
}
