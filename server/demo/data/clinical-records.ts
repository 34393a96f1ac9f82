// One patient's clinical records: conditions, a vital-signs series over the stay, allergies, medications
// and coverage. Pure functions of the PRNG and the stay, so the same seed gives the same records.
import type { Prng } from '../prng.js';
import { ALLERGENS, CONDITIONS, EMPLOYER_GROUPS, NO_KNOWN_ALLERGY, PAYORS, REACTIONS } from './clinical.js';
import type { ConditionDefinition } from './clinical.js';
import { MEDICATIONS, ROUTES } from './medications.js';
import { VITALS, VITAL_COMPONENTS } from './vital-codes.js';
import type { IdMaker } from './ids.js';
import type {
  DemoAllergy,
  DemoCondition,
  DemoCoverage,
  DemoEncounter,
  DemoMedication,
  DemoOrganization,
  DemoVital,
  VitalKind,
} from './model.js';
import { DAY, HOUR, MINUTE, dateOnly, dateTime } from './time.js';

export interface RecordContext {
  prng: Prng;
  nextId: IdMaker;
  patientId: string;
  now: number;
  encounter?: DemoEncounter;
}

const MAX_VITAL_SETS = 16;
const round = (value: number, decimals: number): number => Number(value.toFixed(decimals));

export function buildConditions(ctx: RecordContext, reason: ConditionDefinition | undefined): DemoCondition[] {
  const { prng, encounter } = ctx;
  const conditions: DemoCondition[] = [];
  if (reason && encounter) {
    conditions.push({
      id: ctx.nextId('Condition'),
      patientId: ctx.patientId,
      encounterId: encounter.id,
      snomed: reason.snomed,
      icd10: reason.icd10,
      category: 'encounter-diagnosis',
      clinicalStatus: encounter.status === 'finished' ? 'resolved' : 'active',
      verificationStatus: prng.chance(0.85) ? 'confirmed' : 'provisional',
      severity: prng.pick(['mild', 'moderate', 'severe'] as const),
      onset: dateTime(Date.parse(encounter.start) - prng.int(2, 72) * HOUR),
      recorded: dateOnly(Date.parse(encounter.start)),
    });
  }
  const chronic = CONDITIONS.filter((c) => !c.isAcute);
  const count = reason ? prng.int(0, 4) : prng.int(1, 3);
  for (const definition of prng.sample(chronic, count)) {
    const onsetMs = ctx.now - prng.int(200, 5000) * DAY;
    conditions.push({
      id: ctx.nextId('Condition'),
      patientId: ctx.patientId,
      snomed: definition.snomed,
      icd10: definition.icd10,
      category: 'problem-list-item',
      clinicalStatus: 'active',
      verificationStatus: 'confirmed',
      onset: dateOnly(onsetMs),
      recorded: dateOnly(onsetMs + prng.int(0, 60) * DAY),
    });
  }
  return conditions;
}

/** Vital signs every 6 to 8 hours from admission to discharge (or now), the newest 16 sets. */
export function buildVitals(ctx: RecordContext): DemoVital[] {
  const { prng, encounter } = ctx;
  if (!encounter) return [];
  const startMs = Date.parse(encounter.start) + HOUR;
  const endMs = encounter.end
    ? Date.parse(encounter.end) - prng.int(1, 3) * HOUR
    : ctx.now - prng.int(30, 240) * MINUTE;
  const times: number[] = [];
  for (
    let t = endMs;
    t >= startMs && times.length < MAX_VITAL_SETS;
    t -= prng.int(6, 8) * HOUR + prng.int(-20, 20) * MINUTE
  ) {
    times.unshift(t);
  }
  if (times.length === 0) times.push(startMs);

  const baseline = (kind: VitalKind | 'systolic' | 'diastolic'): number => {
    const def = kind === 'systolic' || kind === 'diastolic' ? VITAL_COMPONENTS[kind] : VITALS[kind];
    return def.range[0] + prng.next() * (def.range[1] - def.range[0]);
  };
  const base = {
    heartRate: baseline('heartRate'),
    systolic: baseline('systolic'),
    diastolic: baseline('diastolic'),
    respiratoryRate: baseline('respiratoryRate'),
    temperature: baseline('temperature'),
    oxygenSaturation: baseline('oxygenSaturation'),
    weight: baseline('weight'),
  };
  const jitter = (value: number, spread: number, decimals: number, max = Infinity): number =>
    round(Math.min(max, value + (prng.next() - 0.5) * 2 * spread), decimals);

  const vitals: DemoVital[] = [];
  const vital = (kind: VitalKind, effective: number, fields: Pick<DemoVital, 'value' | 'components'>): void => {
    vitals.push({
      id: ctx.nextId('Observation'),
      patientId: ctx.patientId,
      encounterId: encounter.id,
      kind,
      effective: dateTime(effective),
      ...fields,
    });
  };
  times.forEach((t, index) => {
    vital('heartRate', t, { value: jitter(base.heartRate, 8, 0) });
    vital('bloodPressure', t, {
      components: [
        { kind: 'systolic', value: jitter(base.systolic, 10, 0) },
        { kind: 'diastolic', value: jitter(base.diastolic, 6, 0) },
      ],
    });
    vital('respiratoryRate', t, { value: jitter(base.respiratoryRate, 2, 0) });
    vital('temperature', t, { value: jitter(base.temperature, 0.4, 1) });
    vital('oxygenSaturation', t, { value: jitter(base.oxygenSaturation, 2, 0, 100) });
    if (index % 6 === 0) vital('weight', t, { value: jitter(base.weight, 0.5, 1) });
  });
  return vitals;
}

export function buildAllergies(ctx: RecordContext, isNoneRecorded: boolean): DemoAllergy[] {
  const { prng } = ctx;
  if (isNoneRecorded) return [];
  const recorded = dateTime(ctx.now - prng.int(30, 3000) * DAY);
  if (prng.chance(0.2)) {
    return [
      {
        id: ctx.nextId('AllergyIntolerance'),
        patientId: ctx.patientId,
        substance: NO_KNOWN_ALLERGY,
        category: 'medication',
        criticality: 'low',
        clinicalStatus: 'active',
        verificationStatus: 'confirmed',
        recorded,
        reactions: [],
        isNoKnownAllergy: true,
      },
    ];
  }
  return prng.sample(ALLERGENS, prng.int(1, 3)).map((allergen): DemoAllergy => {
    const isSevere = prng.chance(0.2);
    return {
      id: ctx.nextId('AllergyIntolerance'),
      patientId: ctx.patientId,
      substance: allergen.substance,
      category: allergen.category,
      criticality: isSevere ? 'high' : 'low',
      clinicalStatus: prng.chance(0.9) ? 'active' : 'inactive',
      verificationStatus: prng.chance(0.8) ? 'confirmed' : 'unconfirmed',
      recorded: dateTime(ctx.now - prng.int(30, 3000) * DAY),
      reactions: prng.sample(REACTIONS, prng.int(1, 2)).map((manifestation) => ({
        manifestation,
        severity: isSevere ? 'severe' : prng.pick(['mild', 'moderate'] as const),
      })),
      note: prng.chance(0.25) ? 'Reaction reported by the patient; no challenge test done.' : undefined,
      isNoKnownAllergy: false,
    };
  });
}

export function buildMedications(ctx: RecordContext, prescriberIds: readonly string[]): DemoMedication[] {
  const { prng, encounter } = ctx;
  if (!encounter) return [];
  const admitted = Date.parse(encounter.start);
  return prng.sample(MEDICATIONS, prng.int(2, 5)).map((definition): DemoMedication => {
    const authored = admitted + prng.int(1, 12) * HOUR;
    const isStopped = !encounter.end && prng.chance(0.15);
    const status = encounter.end ? 'completed' : isStopped ? 'stopped' : 'active';
    const endMs = encounter.end
      ? Date.parse(encounter.end)
      : isStopped
        ? authored + prng.int(12, 36) * HOUR
        : undefined;
    return {
      id: ctx.nextId('Medication'),
      patientId: ctx.patientId,
      encounterId: encounter.id,
      medication: definition.medication,
      status,
      authored: dateTime(authored),
      ended: endMs !== undefined && endMs < ctx.now ? dateTime(endMs) : undefined,
      prescriberId: prng.pick(prescriberIds),
      dosageText: definition.dosageText,
      route: ROUTES[definition.route],
    };
  });
}

export function buildCoverage(ctx: RecordContext, payors: readonly DemoOrganization[]): DemoCoverage[] {
  const { prng } = ctx;
  if (prng.chance(0.08)) return [];
  const payorIndex = prng.int(0, payors.length - 1);
  const payor = payors[payorIndex] as DemoOrganization;
  const planName = prng.pick(PAYORS[payorIndex]?.plans ?? ['Standard']);
  const groupName = prng.pick(EMPLOYER_GROUPS);
  const year = new Date(ctx.now).getUTCFullYear();
  return [
    {
      id: ctx.nextId('Coverage'),
      patientId: ctx.patientId,
      payorId: payor.id,
      payorName: payor.name,
      plan: { value: planName.toUpperCase().replace(/[^A-Z0-9]+/g, '-'), name: planName },
      group: { value: `GRP-${prng.int(10000, 99999)}`, name: groupName },
      subscriberId: `${payor.name.slice(0, 3).toUpperCase()}${prng.int(100000000, 999999999)}`,
      period: { start: `${year}-01-01`, end: `${year}-12-31` },
    },
  ];
}
