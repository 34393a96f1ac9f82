// Oxygen and responsiveness over each stay: the two NEWS2 parameters (RCP, NEWS2 2017, chart 1) the first vital-signs
// series left out, charted with every set of observations at the set's own time. They follow the story the set
// already tells: a patient whose saturation runs low, or who is in with a respiratory illness and a borderline one,
// is on 1–6 L/min titrated to each reading; everyone else breathes room air (0 L/min). Most are alert; the few
// sickest (the most red values in their latest set) respond to voice only in their last set or two, a new change.
// A few patients have one of the two charted on paper only, so partial NEWS2 scores still appear.
import type { Prng } from '../prng.js';
import type { IdMaker } from './ids.js';
import type { DemoTenantData, DemoVital, VitalKind } from './model.js';
import { AVPU_ANSWERS } from './vital-codes.js';

/** Admission reasons that bring oxygen sooner (SNOMED): pneumonia, COPD exacerbation, pulmonary embolism, heart failure. */
const RESPIRATORY_REASONS = new Set(['233604007', '195951007', '59282003', '42343007']);

/** By patient index modulo 12: from the third, every twelfth has no oxygen charted in the EHR; from the ninth, no responsiveness. */
const PAPER_CHARTED: Partial<Record<number, VitalKind>> = { 2: 'oxygenFlow', 8: 'consciousness' };

/** At most this share of a hospital's inpatients (and at least one, if any has a red value) has lost alertness. */
const NOT_ALERT_SHARE = 0.06;

type Reading = VitalKind | 'systolic';

/** One set of observations: its time and the values taken then. */
interface VitalSet {
  effective: string;
  values: Partial<Record<Reading, number>>;
}

interface Stay {
  index: number;
  patientId: string;
  encounterId: string;
  isInProgress: boolean;
  isRespiratory: boolean;
  sets: VitalSet[];
}

function setsOf(vitals: readonly DemoVital[]): VitalSet[] {
  const sets = new Map<string, VitalSet>();
  for (const vital of vitals) {
    let set = sets.get(vital.effective);
    if (!set) sets.set(vital.effective, (set = { effective: vital.effective, values: {} }));
    if (vital.value !== undefined) set.values[vital.kind] = vital.value;
    const systolic = vital.components?.find((c) => c.kind === 'systolic');
    if (systolic) set.values.systolic = systolic.value;
  }
  return [...sets.values()].sort((a, b) => Date.parse(a.effective) - Date.parse(b.effective));
}

/** How many of RCP chart 1's red values (3 points each) a set has. */
function redValues({ values: v }: VitalSet): number {
  const checks = [
    v.respiratoryRate !== undefined && (v.respiratoryRate <= 8 || v.respiratoryRate >= 25),
    v.oxygenSaturation !== undefined && v.oxygenSaturation <= 91,
    v.systolic !== undefined && (v.systolic <= 90 || v.systolic >= 220),
    v.heartRate !== undefined && (v.heartRate <= 40 || v.heartRate >= 131),
    v.temperature !== undefined && v.temperature <= 35,
  ];
  return checks.filter(Boolean).length;
}

/** Sickest first: more red values, then the lower saturation, then the faster breathing. */
function bySickness(a: VitalSet, b: VitalSet): number {
  return (
    redValues(b) - redValues(a) ||
    (a.values.oxygenSaturation ?? 100) - (b.values.oxygenSaturation ?? 100) ||
    (b.values.respiratoryRate ?? 0) - (a.values.respiratoryRate ?? 0)
  );
}

/**
 * L/min at each set: 0 on room air; on oxygen, more the lower the saturation runs, a step up or down with each
 * reading. A patient who becomes drowsy with a saturation of 93 % or less is started on 2 L/min then, if not on it yet.
 */
function oxygenFlows(prng: Prng, stay: Stay, drowsyFrom: number): number[] {
  const readings = stay.sets.map((set) => set.values.oxygenSaturation ?? 96);
  const mean = readings.reduce((sum, r) => sum + r, 0) / readings.length;
  const isOnOxygen = mean < 91 || (stay.isRespiratory && mean < 94);
  // About 1.5 L/min for a saturation running at 94 %, 6 for one at 89 %.
  const usual = 1.5 + (94 - mean) * 0.9 + prng.next() - 0.5;
  return readings.map((reading, at) => {
    if (isOnOxygen) return Math.min(6, Math.max(1, Math.round(usual + (mean - reading) * 0.5)));
    return at >= drowsyFrom && reading <= 93 ? 2 : 0;
  });
}

/** The stays whose latest sets show new drowsiness: the sickest in progress, a few per hospital. */
function notAlertStays(stays: readonly Stay[]): Set<Stay> {
  const charted = stays.filter((s) => s.isInProgress && PAPER_CHARTED[s.index % 12] !== 'consciousness');
  const count = Math.max(1, Math.floor(charted.length * NOT_ALERT_SHARE));
  const latest = (stay: Stay): VitalSet => stay.sets[stay.sets.length - 1] as VitalSet;
  const sickest = [...charted].sort((a, b) => bySickness(latest(a), latest(b)) || a.index - b.index);
  return new Set(sickest.slice(0, count).filter((stay) => redValues(latest(stay)) > 0));
}

/**
 * The oxygen flow and level of responsiveness of every set of the tenant's vitals. Built after the labs, from forks
 * and an id range of their own, so every record (and id) generated before stays as it was.
 */
export function buildNews2Series(data: DemoTenantData, prng: Prng, nextId: IdMaker): DemoVital[] {
  const vitalsOf = new Map<string, DemoVital[]>();
  for (const vital of data.vitals) {
    const known = vitalsOf.get(vital.patientId);
    if (known) known.push(vital);
    else vitalsOf.set(vital.patientId, [vital]);
  }
  const encounterOf = new Map(data.encounters.map((e) => [e.patientId, e]));
  const stays: Stay[] = [];
  data.patients.forEach((patient, index) => {
    const encounter = encounterOf.get(patient.id);
    const vitals = vitalsOf.get(patient.id);
    if (!encounter || !vitals) return;
    stays.push({
      index,
      patientId: patient.id,
      encounterId: encounter.id,
      isInProgress: encounter.status === 'in-progress',
      isRespiratory: RESPIRATORY_REASONS.has(encounter.reason.code),
      sets: setsOf(vitals),
    });
  });

  const notAlert = notAlertStays(stays);
  const series: DemoVital[] = [];
  for (const stay of stays) {
    const p = prng.fork(`news2-${stay.index}`);
    // Drowsy since the last set or the one before: a new change, not how the patient came in.
    const drowsyFrom = notAlert.has(stay) ? stay.sets.length - p.int(1, 2) : Infinity;
    const flows = oxygenFlows(p, stay, drowsyFrom);
    const paper = PAPER_CHARTED[stay.index % 12];
    stay.sets.forEach((set, at) => {
      const vital = (kind: VitalKind, fields: Pick<DemoVital, 'value' | 'answer'>): void => {
        if (kind === paper) return;
        const { patientId, encounterId } = stay;
        series.push({ id: nextId('News2Observation'), patientId, encounterId, kind, effective: set.effective, ...fields });
      };
      vital('oxygenFlow', { value: flows[at] });
      vital('consciousness', { answer: at >= drowsyFrom ? AVPU_ANSWERS.voice : AVPU_ANSWERS.alert });
    });
  }
  return series;
}
