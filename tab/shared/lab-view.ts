// Plain text views of a row's labs, shared by the grid, the cards, the rounding sheet and the patient details:
// short labels by LOINC code, values, flags in words with an arrow (never colour alone), and a severity to sort by.
import type { Flag, LabResult } from '../../server/wire/contract';
import type { I18n } from './i18n/I18nProvider';
import type { MessageKey } from './i18n/en';
import type { TimedText } from './row-view';

// The default labs of the server's table (server/clinical/lab-ranges.ts), with the alternate codes of each.
const LAB_KEYS: Record<string, MessageKey> = {
  '718-7': 'lab.hb',
  '6690-2': 'lab.wbc',
  '26464-8': 'lab.wbc',
  '777-3': 'lab.plt',
  '26515-7': 'lab.plt',
  '2951-2': 'lab.na',
  '2947-0': 'lab.na',
  '2823-3': 'lab.k',
  '6298-4': 'lab.k',
  '2160-0': 'lab.creat',
  '14682-9': 'lab.creat',
  '2345-7': 'lab.glucose',
  '14749-6': 'lab.glucose',
  '1988-5': 'lab.crp',
  '2524-7': 'lab.lactate',
  '32693-4': 'lab.lactate',
  '10839-9': 'lab.trop',
};

// A lab never breaks between its label, value and flag; the list breaks between labs.
const NBSP = '\u00a0';

/** Worst first: critical, then abnormal, then normal, then unflagged. */
const SEVERITY: Record<Flag, number> = { 'critical-low': 3, 'critical-high': 3, low: 2, high: 2, normal: 1 };
const severityOf = (lab: LabResult): number => (lab.flag ? SEVERITY[lab.flag] : 0);

/** "K" for potassium; a lab the tab has no short label for keeps the EHR's name. */
export function labLabel(lab: LabResult, i18n: I18n): string {
  const key = lab.code ? LAB_KEYS[lab.code] : undefined;
  return key ? i18n.t(key) : lab.name;
}

/** "6.8" (or the EHR's text, "<0.01"), in the locale; with its unit when `withUnit`. */
export function labValue(lab: LabResult, i18n: I18n, withUnit = false): string {
  const value = lab.text ?? (lab.value !== undefined ? i18n.number(lab.value) : '');
  return withUnit && value && lab.unit ? `${value}${NBSP}${lab.unit}` : value;
}

/** "⇈ critically high", "↓ low": empty when normal or unknown. */
export function labFlagText(lab: LabResult, i18n: I18n): string {
  return lab.flag && lab.flag !== 'normal' ? i18n.t(`flag.${lab.flag}`) : '';
}

/** The labs with the worst flags first, otherwise in the server's order (LAB_CODES). */
export function sortedLabs(labs: readonly LabResult[]): LabResult[] {
  return [...labs].sort((a, b) => severityOf(b) - severityOf(a));
}

/** The labs of a cell, one by one, compact (no units): "K 6.8 ⇈ critically high", with the time each was taken. */
export function labEntries(labs: readonly LabResult[], i18n: I18n): TimedText[] {
  return sortedLabs(labs).map((lab, index) => {
    const text = [labLabel(lab, i18n), labValue(lab, i18n), labFlagText(lab, i18n)].filter(Boolean).join(NBSP);
    const flag = lab.flag === 'normal' ? undefined : lab.flag;
    return { key: lab.code ?? `${lab.name}-${index}`, text, ...(lab.effective ? { effective: lab.effective } : {}), ...(flag ? { flag } : {}) };
  });
}

/** "K 6.8 ⇈ critically high · Na 138 · Hb 131". */
export function labsText(labs: readonly LabResult[], i18n: I18n): string {
  return labEntries(labs, i18n)
    .map((entry) => entry.text)
    // Bound to the lab before it, so a line never starts with the separator (as row-view's SEPARATOR).
    .join(`${NBSP}· `);
}

/**
 * What the labs column sorts by: the worst flag, then how many labs carry it, then how many are abnormal at all.
 * Sorted descending, the sickest come first; rows without labs go after every row with some.
 */
export function labsSeverity(labs: readonly LabResult[]): number {
  if (labs.length === 0) return -1;
  const worst = Math.max(...labs.map(severityOf));
  const atWorst = labs.filter((lab) => severityOf(lab) === worst).length;
  const abnormal = labs.filter((lab) => severityOf(lab) >= 2).length;
  return worst * 10_000 + atWorst * 100 + abnormal;
}
