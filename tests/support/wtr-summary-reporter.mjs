// A @web/test-runner reporter that writes the run's counts to a JSON file and prints them as the
// last line of output. wtr's own summary carries a progress bar in front of the numbers, which CI
// cannot read; scripts/test.mjs adds these counts to the end-to-end ones.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

function tally(suite, counts) {
  if (!suite) return;
  for (const test of suite.tests ?? []) {
    if (test.skipped) counts.skipped += 1;
    else if (test.passed) counts.passed += 1;
    else counts.failed += 1;
  }
  for (const child of suite.suites ?? []) tally(child, counts);
}

/** @param {{ outFile?: string }} [options] */
export function summaryReporter(options = {}) {
  return {
    stop({ sessions }) {
      const counts = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        tally(session.testResults, counts);
        // A file that failed to load, or threw outside any test, has no test results: count it once.
        if (!session.passed && (session.errors?.length ?? 0) > 0) counts.failed += 1;
      }
      if (options.outFile) {
        mkdirSync(path.dirname(options.outFile), { recursive: true });
        writeFileSync(options.outFile, JSON.stringify(counts));
      }
      const line = `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;
      // wtr redraws its dynamic progress output after stop(): print on exit so ours is truly last.
      process.once('exit', () => process.stdout.write(`\n${line}\n`));
    },
  };
}
