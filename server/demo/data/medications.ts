// Medication orders of the demo data: RxNorm-style names with their dosage text and route.
import type { Code } from './model.js';
import { rxnorm, snomed } from './clinical.js';

export const ROUTES = {
  oral: snomed('26643006', 'Oral route'),
  intravenous: snomed('47625008', 'Intravenous route'),
  subcutaneous: snomed('34206005', 'Subcutaneous route'),
  inhalation: snomed('18679011000001101', 'Inhalation'),
} as const;

export interface MedicationDefinition {
  medication: Code;
  dosageText: string;
  route: keyof typeof ROUTES;
}

export const MEDICATIONS: readonly MedicationDefinition[] = [
  {
    medication: rxnorm('197361', 'Amlodipine 5 MG Oral Tablet'),
    dosageText: '5 mg by mouth once daily',
    route: 'oral',
  },
  {
    medication: rxnorm('314076', 'Lisinopril 10 MG Oral Tablet'),
    dosageText: '10 mg by mouth once daily',
    route: 'oral',
  },
  {
    medication: rxnorm('861007', 'Metformin hydrochloride 500 MG Oral Tablet'),
    dosageText: '500 mg by mouth twice daily with meals',
    route: 'oral',
  },
  {
    medication: rxnorm('617312', 'Atorvastatin 40 MG Oral Tablet'),
    dosageText: '40 mg by mouth at bedtime',
    route: 'oral',
  },
  {
    medication: rxnorm('313782', 'Acetaminophen 325 MG Oral Tablet'),
    dosageText: '650 mg by mouth every 6 hours as needed for pain',
    route: 'oral',
  },
  {
    medication: rxnorm('854235', '0.4 ML Enoxaparin sodium 100 MG/ML Prefilled Syringe'),
    dosageText: '40 mg subcutaneously once daily',
    route: 'subcutaneous',
  },
  {
    medication: rxnorm('1719286', '10 ML Furosemide 10 MG/ML Injection'),
    dosageText: '40 mg intravenously twice daily',
    route: 'intravenous',
  },
  {
    medication: rxnorm('1659149', 'Piperacillin 4000 MG / Tazobactam 500 MG Injection'),
    dosageText: '4.5 g intravenously every 8 hours',
    route: 'intravenous',
  },
  {
    medication: rxnorm('855332', 'Warfarin Sodium 5 MG Oral Tablet'),
    dosageText: '5 mg by mouth once daily, adjust to INR',
    route: 'oral',
  },
  {
    medication: rxnorm('866924', 'Metoprolol Tartrate 25 MG Oral Tablet'),
    dosageText: '25 mg by mouth twice daily',
    route: 'oral',
  },
  {
    medication: rxnorm('198145', 'Prednisone 10 MG Oral Tablet'),
    dosageText: '40 mg by mouth once daily for 5 days',
    route: 'oral',
  },
  {
    medication: rxnorm('745679', 'Albuterol 0.09 MG/ACTUAT Metered Dose Inhaler'),
    dosageText: '2 puffs inhaled every 4 hours as needed for wheeze',
    route: 'inhalation',
  },
  {
    medication: rxnorm('310798', 'Hydrochlorothiazide 25 MG Oral Tablet'),
    dosageText: '25 mg by mouth every morning',
    route: 'oral',
  },
  {
    medication: rxnorm('1049621', 'Oxycodone Hydrochloride 5 MG Oral Tablet'),
    dosageText: '5 mg by mouth every 4 hours as needed for severe pain',
    route: 'oral',
  },
  {
    medication: rxnorm('312086', 'Ondansetron 4 MG Oral Tablet'),
    dosageText: '4 mg by mouth every 8 hours as needed for nausea',
    route: 'oral',
  },
  {
    medication: rxnorm('1807513', 'Vancomycin 1000 MG Injection'),
    dosageText: '1 g intravenously every 12 hours',
    route: 'intravenous',
  },
];
