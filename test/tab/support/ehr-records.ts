// What a tab test says about a patient (a PatientSummary and the parts of a row it shows), written as the demo
// partner's EHR records, so the real server reads them over FHIR and builds the row itself.
import type { PatientDetail, PatientSummary, Row } from '../../../server/wire/contract.js';
import type { DemoRecords } from '../../../server/demo/demo-partner.js';
import type { Gender, VitalComponentKind, VitalKind } from '../../../server/demo/data/model.js';

/** The parts of a row or detail a test sets; the rest stays empty. */
export type PatientFacts = Partial<Pick<Row, 'encounter' | 'conditions' | 'vitals' | 'allergies'>> &
  Partial<Pick<PatientDetail, 'medications'>>;

const VITAL_KINDS: Record<string, VitalKind> = {
  '8867-4': 'heartRate',
  '85354-6': 'bloodPressure',
  '9279-1': 'respiratoryRate',
  '8310-5': 'temperature',
  '59408-5': 'oxygenSaturation',
  '29463-7': 'weight',
};
const COMPONENT_KINDS: Record<string, VitalComponentKind> = { '8480-6': 'systolic', '8462-4': 'diastolic' };
const SNOMED = 'http://snomed.info/sct';
const code = (display: string): { system: string; code: string; display: string } => ({ system: SNOMED, code: '0', display });
const GENDERS = new Set(['male', 'female', 'other', 'unknown']);

function personName(text: string): { family: string; given: string[]; prefix: string[]; suffix: string[] } {
  const words = text.split(' ');
  const prefix = words[0]?.endsWith('.') ? [words.shift()!] : [];
  const family = words.pop() ?? text;
  return { family, given: words, prefix, suffix: [] };
}

/** A practitioner per display name, so "Dr. Lee" reads back as "Dr. Lee". */
function practitioner(id: string, display: string): NonNullable<DemoRecords['practitioners']>[number] {
  return { id, name: personName(display), gender: 'unknown', npi: '0000000000', role: 'attending' };
}

export function patientRecords(patient: PatientSummary, facts: PatientFacts = {}): DemoRecords {
  const id = patient.id;
  const records: Required<Pick<DemoRecords, 'practitioners' | 'locations' | 'patients' | 'encounters' | 'conditions' | 'vitals' | 'allergies' | 'medications'>> = {
    practitioners: [],
    locations: [],
    patients: [],
    encounters: [],
    conditions: [],
    vitals: [],
    allergies: [],
    medications: [],
  };
  const gp = patient.generalPractitioner ?? 'Dr. Unnamed';
  records.practitioners.push(practitioner(`gp-${id}`, gp));
  records.patients.push({
    id,
    mrn: patient.mrn ?? '',
    name: { family: patient.family ?? '', given: patient.given, prefix: patient.prefix, suffix: [] },
    gender: (GENDERS.has(patient.gender ?? '') ? patient.gender : 'unknown') as Gender,
    birthDate: patient.birthDate ?? '1970-01-01',
    ...(patient.deceasedDate ? { deceasedAt: patient.deceasedDate } : {}),
    phone: '555-0100',
    address: { line: '1 Test Street', city: 'Testville', state: 'TS', postalCode: '00000' },
    generalPractitionerId: `gp-${id}`,
  });
  const stay = facts.encounter;
  const encounterId = `enc-${id}`;
  if (stay) {
    const attending = stay.participants?.[0] ?? 'Dr. Attending';
    records.practitioners.push(practitioner(`att-${id}`, attending));
    records.locations.push({ id: `bed-${id}`, kind: 'bed', name: stay.location ?? '', isOccupied: true });
    records.encounters.push({
      id: encounterId,
      patientId: id,
      status: stay.status === 'finished' ? 'finished' : 'in-progress',
      start: stay.start ?? '2026-11-20T08:00:00Z',
      ...(stay.end ? { end: stay.end } : {}),
      locationId: `bed-${id}`,
      isLocationDisplayed: stay.location !== undefined,
      attendingId: `att-${id}`,
      reason: code('Admission'),
    });
  }
  for (const [i, condition] of (facts.conditions ?? []).entries()) {
    records.conditions.push({
      id: `cond-${id}-${i}`,
      patientId: id,
      snomed: code(condition.text),
      icd10: { system: 'http://hl7.org/fhir/sid/icd-10', code: 'R69', display: condition.text },
      category: 'encounter-diagnosis',
      clinicalStatus: 'active',
      verificationStatus: 'confirmed',
      onset: '2026-11-20',
      recorded: '2026-11-20',
    });
  }
  for (const [i, vital] of (facts.vitals ?? []).entries()) {
    const kind = VITAL_KINDS[vital.code ?? ''];
    if (!kind) throw new Error(`no demo vital for LOINC ${vital.code}`);
    records.vitals.push({
      id: `vital-${id}-${i}`,
      patientId: id,
      encounterId,
      kind,
      effective: vital.effective ?? '2026-11-25T07:00:00Z',
      ...(vital.value !== undefined ? { value: vital.value } : {}),
      ...(vital.components.length
        ? { components: vital.components.map((c) => ({ kind: COMPONENT_KINDS[c.code ?? '']!, value: c.value ?? 0 })) }
        : {}),
    });
  }
  for (const [i, allergy] of (facts.allergies ?? []).entries()) {
    records.allergies.push({
      id: `allergy-${id}-${i}`,
      patientId: id,
      substance: code(allergy.substance ?? ''),
      category: 'medication',
      criticality: 'high',
      clinicalStatus: 'active',
      verificationStatus: 'confirmed',
      recorded: '2026-01-01',
      reactions: (allergy.reactions ?? []).map((r) => ({ manifestation: code(r), severity: 'moderate' as const })),
      isNoKnownAllergy: false,
    });
  }
  for (const [i, medication] of (facts.medications ?? []).entries()) {
    const prescriber = `rx-${id}-${i}`;
    records.practitioners.push(practitioner(prescriber, medication.prescriber ?? 'Dr. Prescriber'));
    records.medications.push({
      id: `med-${id}-${i}`,
      patientId: id,
      encounterId,
      medication: { system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '0', display: medication.name ?? '' },
      status: 'active',
      authored: '2026-11-20',
      prescriberId: prescriber,
      dosageText: medication.dosage ?? '',
      route: code('Oral'),
    });
  }
  return records;
}
