// Blank is not "none" (#11 item 12): an AllergyIntolerance recording "no known allergy" reads as that recorded
// answer in DSTU2 (`substance`), STU3 and R4 (`code`), unlike a real substance or a refuted record.
import { describe, expect, test } from 'vitest';
import { adapterFor } from '../../server/fhir/adapters/adapter-for.js';
import type { FhirResource } from '../../server/fhir/adapters/adapter.js';
import type { FhirVersion } from '../../server/wire/contract.js';
import { VERSIONS } from './fixtures.js';

const SNOMED = 'http://snomed.info/sct';
const concept = (code: string, display: string): object => ({ coding: [{ system: SNOMED, code, display }], text: display });

/** An AllergyIntolerance of `version` with this substance, and a verification status where the version has one. */
function allergy(version: FhirVersion, substance: object, verification = 'confirmed'): FhirResource {
  const base = { resourceType: 'AllergyIntolerance' as const, id: 'alg-nka', patient: { reference: 'Patient/pat-1' } };
  switch (version) {
    case 'DSTU2':
      // DSTU2 has one status for both (hl7.org/fhir/DSTU2/allergyintolerance.html).
      return { ...base, substance, status: verification, recordedDate: '2025-01-02' };
    case 'STU3':
      return { ...base, code: substance, clinicalStatus: 'active', verificationStatus: verification, assertedDate: '2025-01-02' };
    case 'R4':
      return {
        ...base,
        code: substance,
        clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
        verificationStatus: {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code: verification }],
        },
        recordedDate: '2025-01-02',
      };
  }
}

describe.each(VERSIONS)('a "no known allergy" record in %s', (version) => {
  const adapter = adapterFor(version);

  test('reads as a recorded absence of known allergy (SNOMED 716186003)', () => {
    const read = adapter.toAllergy(allergy(version, concept('716186003', 'No known allergy')));
    expect(read).toMatchObject({ substance: 'No known allergy', isNoKnownAllergy: true });
  });

  test('reads the older SNOMED concept 160244002 the same way', () => {
    expect(adapter.toAllergy(allergy(version, concept('160244002', 'No known allergies'))).isNoKnownAllergy).toBe(true);
  });

  test('does not mark a real substance, a narrower "no known drug allergy", or a refuted record', () => {
    expect(adapter.toAllergy(allergy(version, concept('91936005', 'Penicillin'))).isNoKnownAllergy).toBeUndefined();
    const noDrug = adapter.toAllergy(allergy(version, concept('409137002', 'No known drug allergy')));
    expect(noDrug).toMatchObject({ substance: 'No known drug allergy' });
    expect(noDrug.isNoKnownAllergy).toBeUndefined();
    const refuted = adapter.toAllergy(allergy(version, concept('716186003', 'No known allergy'), 'refuted'));
    expect(refuted.isNoKnownAllergy).toBeUndefined();
  });
});
