// The pass/fail table the CLI prints: one line per check, the reason under a failing one.
import type { CheckResult, CheckStatus } from './types.js';

const LABEL: Record<CheckStatus, string> = { pass: 'PASS', fail: 'FAIL', warn: 'WARN', skip: 'SKIP' };

export function formatTable(results: CheckResult[]): string {
  const width = Math.max(...results.map((r) => r.name.length), 5);
  const lines = [`${'RESULT'.padEnd(6)}  ${'CHECK'.padEnd(width)}  REASON`];
  for (const r of results) lines.push(`${LABEL[r.status].padEnd(6)}  ${r.name.padEnd(width)}  ${r.reason ?? ''}`.trimEnd());
  const counts = (status: CheckStatus): number => results.filter((r) => r.status === status).length;
  lines.push('', `${counts('pass')} passed, ${counts('fail')} failed, ${counts('warn')} warnings, ${counts('skip')} skipped`);
  return lines.join('\n');
}
