// Pieces of FHIR JSON that read the same in DSTU2, STU3 and R4 (Coding, CodeableConcept, Quantity,
// Reference, narrative), shared by the three renderers.
import type { Code, PersonName } from '../data/model.js';
import { UCUM } from '../data/clinical.js';

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

/** A generated narrative (text.div), which some clients show when they cannot read the structure. */
export function narrative(text: string): { status: 'generated'; div: string } {
  return { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${escapeHtml(text)}</div>` };
}

/** Contact and address fields, the same in all three versions. */
export function contactOf(patient: {
  phone: string;
  address: { line: string; city: string; state: string; postalCode: string };
}): {
  telecom: { system: 'phone'; value: string; use: 'home' }[];
  address: { use: 'home'; line: string[]; city: string; state: string; postalCode: string; country: string }[];
} {
  return {
    telecom: [{ system: 'phone', value: patient.phone, use: 'home' }],
    address: [{ use: 'home', line: [patient.address.line], ...omitLine(patient.address), country: 'US' }],
  };
}

function omitLine(address: { city: string; state: string; postalCode: string }): {
  city: string;
  state: string;
  postalCode: string;
} {
  return { city: address.city, state: address.state, postalCode: address.postalCode };
}
