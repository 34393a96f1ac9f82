// The adapters must send exactly the shared FHIR query table (full brief; partner-interface.md §4): the
// demo partner and real partners answer these strings and nothing looser.
import { describe, expect, test } from 'vitest';
import type { FhirVersion } from '../../server/wire/contract.js';
import { PATIENT_PARTS } from '../../server/fhir/adapters/adapter.js';
import { adapterFor } from '../../server/fhir/adapters/adapter-for.js';

// The ten default labs, as system|code tokens (LAB_CODES unset).
const LABS = 'http://loinc.org|718-7,http://loinc.org|6690-2,http://loinc.org|777-3,http://loinc.org|2951-2,http://loinc.org|2823-3,http://loinc.org|2160-0,http://loinc.org|2345-7,http://loinc.org|1988-5,http://loinc.org|2524-7,http://loinc.org|10839-9';

const EXPECTED: Record<FhirVersion, { search: string; queries: string[] }> = {
  DSTU2: {
    search: '_id=p%2F1&family%3Acontains=van+Dijk&given=Ann&name=Ann+van&birthdate=1970-02-03&gender=female&identifier=MRN-0001&_count=20',
    queries: [
      'Patient/p%2F1%20x',
      'Encounter?patient=Patient/p%2F1%20x&_sort:desc=date&_count=1',
      'Condition?patient=Patient/p%2F1%20x&_count=50',
      'Observation?patient=Patient/p%2F1%20x&category=vital-signs&_sort:desc=date&_count=100',
      `Observation?patient=Patient/p%2F1%20x&category=laboratory&code=${LABS}&_sort:desc=date&_count=100`,
      'AllergyIntolerance?patient=Patient/p%2F1%20x',
      'MedicationOrder?patient=Patient/p%2F1%20x&_count=50',
      'Coverage?subscriber=Patient/p%2F1%20x',
    ],
  },
  STU3: {
    search: '_id=p%2F1&family=van+Dijk&given=Ann&name=Ann+van&birthdate=1970-02-03&gender=female&identifier=MRN-0001&_count=20',
    queries: [
      'Patient/p%2F1%20x',
      'Encounter?patient=Patient/p%2F1%20x&_sort=-date&_count=1',
      'Condition?patient=Patient/p%2F1%20x&_count=50',
      'Observation?patient=Patient/p%2F1%20x&category=vital-signs&_sort=-date&_count=100',
      `Observation?patient=Patient/p%2F1%20x&category=laboratory&code=${LABS}&_sort=-date&_count=100`,
      'AllergyIntolerance?patient=Patient/p%2F1%20x',
      'MedicationRequest?patient=Patient/p%2F1%20x&_count=50',
      'Coverage?beneficiary=Patient/p%2F1%20x',
    ],
  },
  R4: {
    search: '_id=p%2F1&family=van+Dijk&given=Ann&name=Ann+van&birthdate=1970-02-03&gender=female&identifier=MRN-0001&_count=20',
    queries: [
      'Patient/p%2F1%20x',
      'Encounter?patient=Patient/p%2F1%20x&_sort=-date&_count=1',
      'Condition?patient=Patient/p%2F1%20x&_count=50',
      'Observation?patient=Patient/p%2F1%20x&category=vital-signs&_sort=-date&_count=100',
      `Observation?patient=Patient/p%2F1%20x&category=laboratory&code=${LABS}&_sort=-date&_count=100`,
      'AllergyIntolerance?patient=Patient/p%2F1%20x',
      'MedicationRequest?patient=Patient/p%2F1%20x&_count=50',
      'Coverage?patient=Patient/p%2F1%20x',
    ],
  },
};

describe.each(Object.entries(EXPECTED) as [FhirVersion, (typeof EXPECTED)[FhirVersion]][])(
  'the %s queries',
  (version, expected) => {
    const adapter = adapterFor(version);

    test('a patient search form carries every criterion under this version’s parameter names', () => {
      const form = adapter.patientSearchForm({
        id: 'p/1',
        family: 'van Dijk',
        given: 'Ann',
        name: 'Ann van',
        birthdate: '1970-02-03',
        gender: 'female',
        mrn: 'MRN-0001',
        count: 20,
      });
      expect(form.toString()).toBe(expected.search);
    });

    test('a patient search form leaves out criteria that were not given or are blank', () => {
      expect(adapter.patientSearchForm({ mrn: 'MRN-0001', given: '  ' }).toString()).toBe('identifier=MRN-0001');
    });

    test('the patient-scoped reads are the shared query table, with the id URL-encoded', () => {
      const queries = adapter.patientQueries('p/1 x', PATIENT_PARTS, { includePatient: true });
      expect(queries.map((q) => q.url)).toEqual(expected.queries);
      expect(queries.map((q) => q.part)).toEqual(['patient', ...PATIENT_PARTS]);
      expect(queries[6]?.resourceType).toBe(adapter.medicationResourceType);
    });

    test('only the parts asked for are read, once each, and the Patient only when included', () => {
      const queries = adapter.patientQueries('42', ['vitals', 'encounter', 'vitals']);
      expect(queries.map((q) => [q.part, q.resourceType])).toEqual([
        ['vitals', 'Observation'],
        ['encounter', 'Encounter'],
      ]);
    });

    test('the labs search asks for the configured LOINC codes only, in their order, and none when there are none', () => {
      const [labs] = adapter.patientQueries('42', ['labs'], { labCodes: ['2823-3', '2951-2'] });
      expect(labs?.url).toMatch(/^Observation\?patient=Patient\/42&category=laboratory&code=http:\/\/loinc\.org\|2823-3,http:\/\/loinc\.org\|2951-2&/);
      expect(labs?.labCodes).toEqual(['2823-3', '2951-2']);
      expect(adapter.patientQueries('42', ['labs'], { labCodes: [] })).toEqual([]);
    });
  },
);
