// Clinical vocabularies for the demo data: real SNOMED CT and ICD-10-CM codes with their display texts for
// conditions and allergies, the code systems the other vocabularies use. Payors and plans are invented.
import type { Code } from './model.js';

export const SNOMED = 'http://snomed.info/sct';
export const ICD10CM = 'http://hl7.org/fhir/sid/icd-10-cm';
export const LOINC = 'http://loinc.org';
export const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
export const UCUM = 'http://unitsofmeasure.org';

export const snomed = (code: string, display: string): Code => ({ system: SNOMED, code, display });
const icd10 = (code: string, display: string): Code => ({ system: ICD10CM, code, display });
export const rxnorm = (code: string, display: string): Code => ({ system: RXNORM, code, display });

export interface ConditionDefinition {
  snomed: Code;
  icd10: Code;
  /** A likely reason for admission, rather than a background problem. */
  isAcute: boolean;
}

export const CONDITIONS: readonly ConditionDefinition[] = [
  { snomed: snomed('233604007', 'Pneumonia'), icd10: icd10('J18.9', 'Pneumonia, unspecified organism'), isAcute: true },
  { snomed: snomed('91302008', 'Sepsis'), icd10: icd10('A41.9', 'Sepsis, unspecified organism'), isAcute: true },
  {
    snomed: snomed('42343007', 'Congestive heart failure'),
    icd10: icd10('I50.9', 'Heart failure, unspecified'),
    isAcute: true,
  },
  {
    snomed: snomed('22298006', 'Myocardial infarction'),
    icd10: icd10('I21.9', 'Acute myocardial infarction, unspecified'),
    isAcute: true,
  },
  {
    snomed: snomed('68566005', 'Urinary tract infectious disease'),
    icd10: icd10('N39.0', 'Urinary tract infection, site not specified'),
    isAcute: true,
  },
  {
    snomed: snomed('14669001', 'Acute renal failure syndrome'),
    icd10: icd10('N17.9', 'Acute kidney failure, unspecified'),
    isAcute: true,
  },
  {
    snomed: snomed('230690007', 'Cerebrovascular accident'),
    icd10: icd10('I63.9', 'Cerebral infarction, unspecified'),
    isAcute: true,
  },
  { snomed: snomed('128045006', 'Cellulitis'), icd10: icd10('L03.90', 'Cellulitis, unspecified'), isAcute: true },
  { snomed: snomed('74400008', 'Appendicitis'), icd10: icd10('K37', 'Unspecified appendicitis'), isAcute: true },
  {
    snomed: snomed('59282003', 'Pulmonary embolism'),
    icd10: icd10('I26.99', 'Other pulmonary embolism without acute cor pulmonale'),
    isAcute: true,
  },
  {
    snomed: snomed('5913000', 'Fracture of neck of femur'),
    icd10: icd10(
      'S72.009A',
      'Fracture of unspecified part of neck of unspecified femur, initial encounter for closed fracture',
    ),
    isAcute: true,
  },
  { snomed: snomed('76581006', 'Cholecystitis'), icd10: icd10('K81.9', 'Cholecystitis, unspecified'), isAcute: true },
  {
    snomed: snomed('195951007', 'Acute exacerbation of chronic obstructive airways disease'),
    icd10: icd10('J44.1', 'Chronic obstructive pulmonary disease with (acute) exacerbation'),
    isAcute: true,
  },
  {
    snomed: snomed('38341003', 'Hypertensive disorder, systemic arterial'),
    icd10: icd10('I10', 'Essential (primary) hypertension'),
    isAcute: false,
  },
  {
    snomed: snomed('44054006', 'Diabetes mellitus type 2'),
    icd10: icd10('E11.9', 'Type 2 diabetes mellitus without complications'),
    isAcute: false,
  },
  {
    snomed: snomed('49436004', 'Atrial fibrillation'),
    icd10: icd10('I48.91', 'Unspecified atrial fibrillation'),
    isAcute: false,
  },
  {
    snomed: snomed('709044004', 'Chronic kidney disease'),
    icd10: icd10('N18.9', 'Chronic kidney disease, unspecified'),
    isAcute: false,
  },
  {
    snomed: snomed('13645005', 'Chronic obstructive lung disease'),
    icd10: icd10('J44.9', 'Chronic obstructive pulmonary disease, unspecified'),
    isAcute: false,
  },
  {
    snomed: snomed('55822004', 'Hyperlipidemia'),
    icd10: icd10('E78.5', 'Hyperlipidemia, unspecified'),
    isAcute: false,
  },
  {
    snomed: snomed('195967001', 'Asthma'),
    icd10: icd10('J45.909', 'Unspecified asthma, uncomplicated'),
    isAcute: false,
  },
  {
    snomed: snomed('235595009', 'Gastroesophageal reflux disease'),
    icd10: icd10('K21.9', 'Gastro-esophageal reflux disease without esophagitis'),
    isAcute: false,
  },
  {
    snomed: snomed('35489007', 'Depressive disorder'),
    icd10: icd10('F32.9', 'Major depressive disorder, single episode, unspecified'),
    isAcute: false,
  },
  {
    snomed: snomed('396275006', 'Osteoarthritis'),
    icd10: icd10('M19.90', 'Unspecified osteoarthritis, unspecified site'),
    isAcute: false,
  },
  { snomed: snomed('271737000', 'Anemia'), icd10: icd10('D64.9', 'Anemia, unspecified'), isAcute: false },
];

export const SEVERITY_CODES: Record<'mild' | 'moderate' | 'severe', Code> = {
  mild: snomed('255604002', 'Mild'),
  moderate: snomed('6736007', 'Moderate'),
  severe: snomed('24484000', 'Severe'),
};

export const ADMISSION_TYPE: Code = snomed('32485007', 'Hospital admission');

export const DISCHARGE_HOME: Code = {
  system: 'http://terminology.hl7.org/CodeSystem/discharge-disposition',
  code: 'home',
  display: 'Home',
};
export const DISCHARGE_EXPIRED: Code = {
  system: 'http://terminology.hl7.org/CodeSystem/discharge-disposition',
  code: 'exp',
  display: 'Expired',
};

export interface AllergyDefinition {
  substance: Code;
  category: 'medication' | 'food' | 'environment';
}

export const ALLERGENS: readonly AllergyDefinition[] = [
  { substance: rxnorm('7980', 'Penicillin G'), category: 'medication' },
  { substance: rxnorm('733', 'Ampicillin'), category: 'medication' },
  { substance: rxnorm('1191', 'Aspirin'), category: 'medication' },
  { substance: rxnorm('2670', 'Codeine'), category: 'medication' },
  { substance: rxnorm('7052', 'Morphine'), category: 'medication' },
  { substance: rxnorm('5640', 'Ibuprofen'), category: 'medication' },
  { substance: snomed('111088007', 'Latex'), category: 'environment' },
  { substance: snomed('256349002', 'Peanut'), category: 'food' },
  { substance: snomed('102263004', 'Eggs (edible)'), category: 'food' },
  { substance: snomed('227493005', 'Cashew nut'), category: 'food' },
  { substance: snomed('260147004', 'House dust mite'), category: 'environment' },
  { substance: snomed('288328004', 'Bee venom'), category: 'environment' },
];

export const NO_KNOWN_ALLERGY: Code = snomed('716186003', 'No known allergy');

export const REACTIONS: readonly Code[] = [
  snomed('271807003', 'Skin rash'),
  snomed('247472004', 'Hives'),
  snomed('39579001', 'Anaphylaxis'),
  snomed('422587007', 'Nausea'),
  snomed('56018004', 'Wheezing'),
  snomed('41291007', 'Angioedema'),
  snomed('418363000', 'Itching of skin'),
];

export const PAYORS = [
  { name: 'Evergreen Health Plan', plans: ['Evergreen Gold PPO', 'Evergreen Silver HMO'] },
  { name: 'Summit Mutual Insurance', plans: ['Summit Choice Plus', 'Summit Basic EPO'] },
  { name: 'Bluewater Health Alliance', plans: ['Bluewater Standard', 'Bluewater Premier'] },
  { name: 'Medicare', plans: ['Medicare Part A', 'Medicare Advantage'] },
] as const;

export const EMPLOYER_GROUPS = [
  'Riverside School District',
  'Copperleaf Manufacturing',
  'Municipal Employees Trust',
  'Lakeshore Retail Cooperative',
  'Individual Market',
] as const;
