// vitest ends with "Duration …"; CI reads a plain closing line "N passed, N failed". Before it, the ten
// slowest tests, so the run's time is easy to keep an eye on.
import type { Reporter, TestCase, TestModule } from 'vitest/node';

const SLOWEST = 10;

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const timed: { test: TestCase; ms: number }[] = [];
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
        const ms = test.diagnostic()?.duration;
        if (ms !== undefined) timed.push({ test, ms });
      }
      if (module.state() === 'failed' && module.children.size === 0) failed++;
    }
    const slowest = timed.sort((a, b) => b.ms - a.ms).slice(0, SLOWEST);
    if (slowest.length > 0) {
      process.stdout.write(`\nThe ${slowest.length} slowest tests:\n`);
      for (const { test, ms } of slowest)
        process.stdout.write(`${`${(ms / 1000).toFixed(1)} s`.padStart(8)}  ${test.module.relativeModuleId} > ${test.fullName}\n`);
    }
    process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  }
}
