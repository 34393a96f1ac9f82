// Round trips of a load, from the partner's request log: the longest chain of partner requests in which each
// one arrived only after the one before had been answered. Requests sent together count once, however many.
import type { RequestLogEntry } from '../server/demo/demo-partner.js';

export function roundTrips(log: readonly RequestLogEntry[]): number {
  const timed = log
    .filter((e): e is RequestLogEntry & { arrivedAt: number; finishedAt: number } => e.arrivedAt !== undefined && e.finishedAt !== undefined)
    .sort((a, b) => a.arrivedAt - b.arrivedAt);
  const depth: number[] = [];
  timed.forEach((entry, i) => {
    let longest = 0;
    for (let j = 0; j < i; j += 1) if ((timed[j] as { finishedAt: number }).finishedAt <= entry.arrivedAt) longest = Math.max(longest, depth[j] ?? 0);
    depth.push(longest + 1);
  });
  return Math.max(0, ...depth);
}
