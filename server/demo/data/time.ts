// Dates of the demo data, all relative to one anchor day so the same seed and anchor give the same data,
// and a demo started today shows stays that are in progress today.

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The moment "now" stands for in the data: 08:00 UTC on the anchor day (morning rounds). */
export function anchorMoment(anchorDate: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(anchorDate)) throw new Error(`anchorDate must be YYYY-MM-DD, got ${anchorDate}`);
  const ms = Date.parse(`${anchorDate}T08:00:00Z`);
  if (Number.isNaN(ms)) throw new Error(`anchorDate is not a real date: ${anchorDate}`);
  return ms;
}

/** An instant as FHIR dateTime, to the minute, e.g. 2026-11-26T07:45:00Z. */
export function dateTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16)}:00Z`;
}

/** An instant as FHIR date, e.g. 2026-11-26. */
export function dateOnly(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The latest anchor day whose 08:00 UTC has passed, so no demo record lies in the future. */
export function latestAnchorDate(nowMs: number = Date.now()): string {
  return dateOnly(nowMs - 8 * HOUR);
}
