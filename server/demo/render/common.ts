// Pieces of FHIR JSON that read the same in DSTU2, STU3 and R4 (Coding, CodeableConcept, Quantity, Reference,
// narrative, names, reactions, vital values, an encounter's stay), shared by the three renderers. What differs
// between versions (code systems, field names) is passed in by the version's renderer.
import { UCUM } from '../data/clinical.js';
import { LABS } from '../data/lab-codes.js';
import type {
  Code,
  DemoAllergy,
  DemoEncounter,
  DemoLab,
  DemoLocation,
  DemoMedication,
  DemoPatient,
  DemoVital,
  PersonName,
} from '../data/model.js';
import { VITALS, VITAL_COMPONENTS } from '../data/vital-codes.js';
import type { RenderLookup } from './renderer.js';

export interface CodingJson {
  system: string;
  code: string;
  display: string;
}

export const coding = (code: Code): CodingJson => ({ system: code.system, code: code.code, display: code.display });

export const concept = (codes: Code | Code[], text?: string): { coding: CodingJson[]; text: string } => {
  const list = Array.isArray(codes) ? codes : [codes];
  return { coding: list.map(coding), text: text ?? list[0]?.display ?? '' };
};

export const reference = (type: string, id: string, display?: string): { reference: string; display?: string } =>
  display === undefined ? { reference: `${type}/${id}` } : { reference: `${type}/${id}`, display };

export const quantity = (
  value: number,
  unit: string,
  ucum: string,
): { value: number; unit: string; system: string; code: string } => ({
  value,
  unit,
  system: UCUM,
  code: ucum,
});

/** "Dr. Greta Halvorsen MD" or "Zoë Éloïse Müller-Ångström". */
export function nameText(name: PersonName): string {
  return [...name.prefix, ...name.given, name.family, ...name.suffix].join(' ');
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

type Narrative = { status: 'generated'; div: string };

/** A generated narrative (text.div), which some clients show when they cannot read the structure. */
export function narrative(text: string): Narrative {
  return { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${escapeHtml(text)}</div>` };
}

/** Contact and address fields, the same in all three versions. */
export function contactOf(patient: DemoPatient): {
  telecom: { system: 'phone'; value: string; use: 'home' }[];
  address: { use: 'home'; line: string[]; city: string; state: string; postalCode: string; country: string }[];
} {
  const { line, city, state, postalCode } = patient.address;
  return {
    telecom: [{ system: 'phone', value: patient.phone, use: 'home' }],
    address: [{ use: 'home', line: [line], city, state, postalCode, country: 'US' }],
  };
}

/** HumanName as STU3 and R4 write it; DSTU2 wraps `family` in an array. */
export function humanName(name: PersonName): {
  use: 'official';
  text: string;
  family: string;
  given: string[];
  prefix?: string[];
  suffix?: string[];
} {
  return {
    use: 'official',
    text: nameText(name),
    family: name.family,
    given: name.given,
    ...(name.prefix.length > 0 ? { prefix: name.prefix } : {}),
    ...(name.suffix.length > 0 ? { suffix: name.suffix } : {}),
  };
}

/** The MRN, typed MR from the version's HL7 v2 table 0203. */
export function mrnIdentifier(
  typeSystem: string,
  typeDisplay: string,
  mrn: string,
  mrnSystem: string,
): {
  use: 'usual';
  type: { coding: CodingJson[]; text: string };
  system: string;
  value: string;
} {
  return {
    use: 'usual',
    type: { coding: [{ system: typeSystem, code: 'MR', display: typeDisplay }], text: 'MRN' },
    system: mrnSystem,
    value: mrn,
  };
}

export const patientNarrative = (p: DemoPatient): Narrative =>
  narrative(`${nameText(p.name)}, born ${p.birthDate}, MRN ${p.mrn}`);
export const allergyNarrative = (a: DemoAllergy): Narrative =>
  narrative(a.isNoKnownAllergy ? 'No known allergies' : `Allergy to ${a.substance.display}`);
export const medicationNarrative = (m: DemoMedication): Narrative =>
  narrative(`${m.medication.display}: ${m.dosageText}`);

/** AllergyIntolerance.reaction, the same shape in all three versions (absent when none is recorded). */
export function reactionsOf(a: DemoAllergy): {
  reaction?: { manifestation: ReturnType<typeof concept>[]; severity: 'mild' | 'moderate' | 'severe' }[];
} {
  if (a.reactions.length === 0) return {};
  return { reaction: a.reactions.map((r) => ({ manifestation: [concept(r.manifestation)], severity: r.severity })) };
}

type QuantityJson = ReturnType<typeof quantity>;

/**
 * valueQuantity, valueCodeableConcept for a coded answer (the level of responsiveness), or the systolic and diastolic
 * components of a blood pressure panel. The same in all three versions (hl7.org/fhir/DSTU2/observation.html#value).
 */
export function vitalValue(v: DemoVital): {
  valueQuantity?: QuantityJson;
  valueCodeableConcept?: ReturnType<typeof concept>;
  component?: { code: ReturnType<typeof concept>; valueQuantity: QuantityJson }[];
} {
  const def = VITALS[v.kind];
  return {
    ...(v.value !== undefined ? { valueQuantity: quantity(v.value, def.unit, def.ucum) } : {}),
    ...(v.answer ? { valueCodeableConcept: concept(v.answer) } : {}),
    ...(v.components
      ? {
          component: v.components.map((c) => {
            const cdef = VITAL_COMPONENTS[c.kind];
            return { code: concept(cdef.loinc), valueQuantity: quantity(c.value, cdef.unit, cdef.ucum) };
          }),
        }
      : {}),
  };
}

const INTERPRETATIONS: Record<NonNullable<DemoLab['interpretation']>, string> = {
  N: 'Normal',
  L: 'Low',
  H: 'High',
  LL: 'Critical low',
  HH: 'Critical high',
};

/** A lab result's value, and the laboratory's reference range and interpretation when the result carries them. */
export function labResult(
  lab: DemoLab,
  interpretationSystem: string,
): {
  valueQuantity: QuantityJson;
  interpretation?: { coding: CodingJson[]; text: string };
  referenceRange?: { low?: QuantityJson; high: QuantityJson; text: string }[];
} {
  const definition = LABS[lab.kind];
  const unit = definition[lab.units];
  const bound = (si: number): QuantityJson =>
    quantity(Number((si * unit.factor).toFixed(unit.decimals)), unit.unit, unit.ucum);
  const { low, high } = definition.normal;
  const range =
    low === undefined
      ? { high: bound(high), text: `<${bound(high).value} ${unit.unit}` }
      : { low: bound(low), high: bound(high), text: `${bound(low).value}-${bound(high).value} ${unit.unit}` };
  const meaning = lab.interpretation ? INTERPRETATIONS[lab.interpretation] : undefined;
  return {
    valueQuantity: quantity(lab.value, unit.unit, unit.ucum),
    ...(lab.interpretation && meaning
      ? { interpretation: { coding: [{ system: interpretationSystem, code: lab.interpretation, display: meaning }], text: meaning } }
      : {}),
    ...(lab.hasReferenceRange ? { referenceRange: [range] } : {}),
  };
}

/** The stay's period, attending, bed (its display left out on purpose for a few) and hospital. */
export function stayOf(
  e: DemoEncounter,
  lookup: RenderLookup,
  participationTypeSystem: string,
): {
  participant: { type: { coding: CodingJson[] }[]; individual: ReturnType<typeof reference> }[];
  period: { start: string; end?: string };
  location: { location: ReturnType<typeof reference>; status: 'active' | 'completed' }[];
  serviceProvider: ReturnType<typeof reference>;
} {
  const bedName = e.isLocationDisplayed ? lookup.locationName(e.locationId) : undefined;
  return {
    participant: [
      {
        type: [{ coding: [{ system: participationTypeSystem, code: 'ATND', display: 'attender' }] }],
        individual: reference('Practitioner', e.attendingId, lookup.practitionerName(e.attendingId)),
      },
    ],
    period: e.end ? { start: e.start, end: e.end } : { start: e.start },
    location: [
      {
        location: reference('Location', e.locationId, bedName),
        status: e.status === 'finished' ? 'completed' : 'active',
      },
    ],
    serviceProvider: reference('Organization', lookup.data.organizations[0]?.id ?? '', lookup.data.tenant.name),
  };
}

/** Location fields shared by the versions; `wardCode` is DSTU2's wi (wing) or STU3+'s wa (ward). */
export function locationFields(
  l: DemoLocation,
  lookup: RenderLookup,
  physicalTypeSystem: string,
  wardCode: 'wi' | 'wa',
): {
  status: 'active';
  name: string;
  mode: 'instance';
  physicalType: { coding: CodingJson[] };
  partOf?: ReturnType<typeof reference>;
} {
  const physical = { ward: { code: wardCode, display: wardCode === 'wa' ? 'Ward' : 'Wing' }, room: ROOM, bed: BED }[
    l.kind
  ];
  return {
    status: 'active',
    name: l.name,
    mode: 'instance',
    physicalType: { coding: [{ system: physicalTypeSystem, ...physical }] },
    ...(l.partOfId ? { partOf: reference('Location', l.partOfId, lookup.locationName(l.partOfId)) } : {}),
  };
}

const ROOM = { code: 'ro', display: 'Room' };
const BED = { code: 'bd', display: 'Bed' };

/** STU3 and R4 say whether a bed is occupied (HL7 v2 table 0116). */
export function bedStatus(l: DemoLocation, system: string): { operationalStatus?: CodingJson } {
  if (l.kind !== 'bed') return {};
  return {
    operationalStatus: l.isOccupied
      ? { system, code: 'O', display: 'Occupied' }
      : { system, code: 'U', display: 'Unoccupied' },
  };
}
