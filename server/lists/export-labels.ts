// The words of an export in the user's language: column headers and the short vital labels of the screen
// (tab/shared/i18n/en.ts and fr.ts, `column.*` and `vital.*`). Labels only, never patient data.
import type { ColumnId } from '../wire/contract.js';

export type ExportLanguage = 'en' | 'fr';

type VitalKey = 'hr' | 'bp' | 'rr' | 'temp' | 'spo2' | 'o2' | 'weight' | 'height' | 'bmi' | 'consciousness';

export interface ExportLabels {
  columns: Record<ColumnId, string>;
  vitals: Record<VitalKey, string>;
}

export const EXPORT_LABELS: Record<ExportLanguage, ExportLabels> = {
  en: {
    columns: {
      name: 'Patient',
      mrn: 'MRN',
      age: 'Age/sex',
      gender: 'Sex',
      birthDate: 'Birth date',
      location: 'Location/bed',
      encounterStatus: 'Encounter',
      admitted: 'Admitted (stay)',
      attending: 'Attending',
      conditions: 'Conditions',
      vitals: 'Latest vitals',
      news2: 'NEWS2',
      labs: 'Latest labs',
      allergies: 'Allergies',
      medications: 'Medications',
      coverage: 'Coverage',
      generalPractitioner: 'Primary care',
      note: 'Team note',
    },
    vitals: { hr: 'HR', bp: 'BP', rr: 'RR', temp: 'Temp', spo2: 'SpO₂', o2: 'O₂', weight: 'Wt', height: 'Ht', bmi: 'BMI', consciousness: 'AVPU' },
  },
  fr: {
    columns: {
      name: 'Patient',
      mrn: 'IPP',
      age: 'Âge/sexe',
      gender: 'Sexe',
      birthDate: 'Date de naissance',
      location: 'Chambre/lit',
      encounterStatus: 'Séjour',
      admitted: 'Admission (durée)',
      attending: 'Médecin référent',
      conditions: 'Problèmes de santé',
      vitals: 'Dernières constantes',
      news2: 'NEWS2',
      labs: 'Dernière biologie',
      allergies: 'Allergies',
      medications: 'Traitements',
      coverage: 'Couverture',
      generalPractitioner: 'Médecin traitant',
      note: 'Note d’équipe',
    },
    vitals: { hr: 'FC', bp: 'PA', rr: 'FR', temp: 'T°', spo2: 'SpO₂', o2: 'O₂', weight: 'Poids', height: 'Taille', bmi: 'IMC', consciousness: 'AVPU' },
  },
};

// LOINC codes of the vital signs (hl7.org/fhir/R4/observation-vitalsigns.html), as in tab/shared/row-view.ts.
const VITAL_KEYS: Record<string, VitalKey> = {
  '8867-4': 'hr',
  '85354-9': 'bp',
  '85354-6': 'bp',
  '55284-4': 'bp',
  '9279-1': 'rr',
  '8310-5': 'temp',
  '59408-5': 'spo2',
  '2708-6': 'spo2',
  '29463-7': 'weight',
  '8302-2': 'height',
  '39156-5': 'bmi',
  '3151-8': 'o2',
  '3150-0': 'o2',
  '67775-7': 'consciousness',
};

/** The screen's short label of a vital ("HR", "PA"), or undefined when the code is not one it knows. */
export function vitalLabelOf(code: string | undefined, labels: ExportLabels): string | undefined {
  const key = code ? VITAL_KEYS[code] : undefined;
  return key ? labels.vitals[key] : undefined;
}

/** Lower-case letters and digits, accents dropped: "Âge/sexe" → "agesexe". How the import compares headers. */
export const foldHeader = (header: string): string =>
  header.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');

/** Every language's column label, folded, to its column id: an exported header reads back as its column. */
export const COLUMN_BY_FOLDED_LABEL: ReadonlyMap<string, ColumnId> = new Map(
  Object.values(EXPORT_LABELS).flatMap((labels) =>
    (Object.entries(labels.columns) as [ColumnId, string][]).map(([column, label]) => [foldHeader(label), column] as const),
  ),
);
