// One inpatient's laboratory results over the stay: admission bloods with every test, then morning bloods each day
// (blood count, kidney function and glucose daily; CRP every other day; lactate and troponin when the illness calls
// for them). Most patients are well; some have an illness that moves a few tests out of range, getting better or
// worse over the stay; a few (every ninth patient, so every tenant has them) end on a critical value.
// The results vary in what they carry, as hospital feeds do: interpretation and reference range, only one of them,
// or neither (so Rounds' own defaults are needed). A critical result always carries its interpretation.
import type { Prng } from '../prng.js';
import type { RecordContext } from './clinical-records.js';
import { LABS, LAB_KINDS, inUnits } from './lab-codes.js';
import type { DemoLab, LabInterpretation, LabKind, LabUnits } from './model.js';
import { DAY, HOUR, MINUTE, dateTime } from './time.js';

/** A week of daily bloods: the column shows the latest, the detail the trend's end. */
const MAX_SETS = 7;

type Illness = 'well' | 'sepsis' | 'kidney' | 'hyponatraemia' | 'bleed' | 'cardiac' | 'hyperglycaemia';

/** Where an illness takes the tests it touches, in SI units: [from, to] of the worst value. */
const ILLNESS_PEAKS: Record<Exclude<Illness, 'well'>, Partial<Record<LabKind, [number, number]>>> = {
  sepsis: { whiteCells: [15, 24], crp: [110, 290], lactate: [2.4, 3.9], platelets: [95, 150] },
  kidney: { creatinine: [190, 430], potassium: [5.3, 6.2] },
  hyponatraemia: { sodium: [121, 129] },
  bleed: { haemoglobin: [72, 96] },
  cardiac: { troponin: [150, 4000] },
  hyperglycaemia: { glucose: [14, 23] },
};

/** Every ninth patient ends on a critical value, so each tenant shows some: kind and final SI value. */
const CRITICAL_ENDINGS: readonly { illness: Illness; kind: LabKind; value: number }[] = [
  { illness: 'kidney', kind: 'potassium', value: 6.8 },
  { illness: 'sepsis', kind: 'lactate', value: 4.6 },
  { illness: 'hyponatraemia', kind: 'sodium', value: 118 },
];

function illnessOf(prng: Prng): Illness {
  const roll = prng.next();
  if (roll < 0.55) return 'well';
  if (roll < 0.67) return 'sepsis';
  if (roll < 0.77) return 'kidney';
  if (roll < 0.82) return 'hyponatraemia';
  if (roll < 0.9) return 'bleed';
  if (roll < 0.95) return 'cardiac';
  return 'hyperglycaemia';
}

/** Admission bloods soon after arrival, then morning bloods (05:00 to 06:00) each day until now or the discharge. */
function sampleTimes(prng: Prng, start: number, end: number): number[] {
  const admission = start + prng.int(30, 90) * MINUTE;
  const times = [admission];
  const firstMorning = Math.floor(admission / DAY) * DAY + DAY + 5 * HOUR;
  for (let day = firstMorning; day < end; day += DAY) times.push(day + prng.int(0, 60) * MINUTE);
  return times.filter((t) => t < end).slice(-MAX_SETS);
}

/** Which tests a set has: the admission set all of them; later ones what the illness needs. */
function testsOf(set: number, illness: Illness): LabKind[] {
  if (set === 0) return LAB_KINDS;
  const tests: LabKind[] = ['haemoglobin', 'whiteCells', 'platelets', 'sodium', 'potassium', 'creatinine', 'glucose'];
  if (set % 2 === 0 || illness === 'sepsis') tests.push('crp');
  if (illness === 'sepsis') tests.push('lactate');
  if (illness === 'cardiac' && set === 1) tests.push('troponin');
  return tests;
}

function interpretationOf(kind: LabKind, si: number): LabInterpretation {
  const { normal, critical } = LABS[kind];
  if (critical.low !== undefined && si < critical.low) return 'LL';
  if (critical.high !== undefined && si > critical.high) return 'HH';
  if (normal.low !== undefined && si < normal.low) return 'L';
  if (si > normal.high) return 'H';
  return 'N';
}

/** What a result carries besides its value: both, the range only, the interpretation only, or neither. */
function trappings(prng: Prng, interpretation: LabInterpretation): Pick<DemoLab, 'interpretation' | 'hasReferenceRange'> {
  const roll = prng.next();
  const isCritical = interpretation === 'LL' || interpretation === 'HH';
  const hasInterpretation = isCritical || roll < 0.4 || (roll >= 0.65 && roll < 0.8);
  return { interpretation: hasInterpretation ? interpretation : undefined, hasReferenceRange: roll < 0.65 };
}

export function buildLabs(ctx: RecordContext, units: LabUnits, patientIndex: number): DemoLab[] {
  const { prng, encounter } = ctx;
  if (!encounter) return [];
  const start = Date.parse(encounter.start);
  const end = encounter.end ? Date.parse(encounter.end) - prng.int(1, 3) * HOUR : ctx.now - prng.int(60, 120) * MINUTE;
  const times = sampleTimes(prng, start, end);
  const ending = patientIndex % 9 === 4 ? CRITICAL_ENDINGS[Math.floor(patientIndex / 9) % CRITICAL_ENDINGS.length] : undefined;
  const illness = ending?.illness ?? illnessOf(prng);
  const isWorsening = ending !== undefined || prng.chance(0.35);
  const peaks: Partial<Record<LabKind, [number, number]>> = illness === 'well' ? {} : ILLNESS_PEAKS[illness];

  const usual = (kind: LabKind): number => {
    const [low, high] = LABS[kind].usual;
    return low + prng.next() * (high - low);
  };
  const course = new Map<LabKind, { from: number; to: number }>();
  for (const kind of LAB_KINDS) {
    const base = usual(kind);
    const peakRange = peaks[kind];
    const peak = kind === ending?.kind ? ending.value : peakRange ? peakRange[0] + prng.next() * (peakRange[1] - peakRange[0]) : base;
    course.set(kind, isWorsening ? { from: base, to: peak } : { from: peak, to: base });
  }

  const labs: DemoLab[] = [];
  times.forEach((time, set) => {
    const isLast = set === times.length - 1;
    const progress = times.length > 1 ? set / (times.length - 1) : 1;
    for (const kind of testsOf(set, illness)) {
      const definition = LABS[kind];
      const { from, to } = course.get(kind) as { from: number; to: number };
      const exact = isLast && kind === ending?.kind;
      const drift = exact ? 0 : (prng.next() - 0.5) * 2 * definition.jitter;
      const si = inUnits(definition, 'si', Math.max(definition.jitter / 4, from + (to - from) * progress + drift));
      labs.push({
        id: ctx.nextId('LabResult'),
        patientId: ctx.patientId,
        encounterId: encounter.id,
        kind,
        effective: dateTime(time),
        // Released within the hour, and the newest set is at least an hour old: never in the future.
        issued: dateTime(time + prng.int(20, 55) * MINUTE),
        value: inUnits(definition, units, si),
        units,
        ...trappings(prng, interpretationOf(kind, si)),
      });
    }
  });
  return labs;
}
