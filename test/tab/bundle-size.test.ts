import { describe, expect, test } from 'vitest';
import {
  INITIAL_JS_BUDGET_BYTES,
  initialScriptsOf,
  measureInitialJs,
} from '../../scripts/report-bundle-size.js';

describe('the tab bundle', () => {
  test('counts the entry script and its module preloads as the initial JavaScript', () => {
    const html =
      '<script type="module" crossorigin src="/assets/index-a.js"></script>' +
      '<link rel="modulepreload" crossorigin href="/assets/shared-b.js"><link rel="stylesheet" href="/assets/x.css">';
    expect(initialScriptsOf(html)).toEqual(['/assets/index-a.js', '/assets/shared-b.js']);
  });

  test('keeps the initial JavaScript under 250 KB gzip (needs `npm run build`)', () => {
    const report = measureInitialJs();
    expect(report.assets.length).toBeGreaterThan(0);
    expect(report.totalGzipBytes).toBeLessThanOrEqual(INITIAL_JS_BUDGET_BYTES);
  });
});
