import type { PatientSummary, Row } from '../../../server/wire/contract.js';

export const ADA: PatientSummary = {
  id: 'p-ada',
  name: 'Ada Quill',
  family: 'Quill',
  given: ['Ada'],
  prefix: [],
  gender: 'female',
  birthDate: '1950-03-04',
  mrn: 'MRN-0001',
};

export const BEN: PatientSummary = {
  id: 'p-ben',
  name: 'Ben Arrow',
  family: 'Arrow',
  given: ['Ben'],
  prefix: [],
  gender: 'male',
  birthDate: '1988-11-30',
  mrn: 'MRN-0002',
};

export const ADA_ROW: Partial<Omit<Row, 'changes'>> = {
  encounter: { status: 'in-progress', location: '4W-12 Bed A', start: '2026-11-20T08:00:00Z', participants: ['Dr. Lee'] },
  conditions: [{ text: 'Community-acquired pneumonia' }],
  vitals: [
    {
      code: '85354-6',
      name: 'Blood pressure',
      effective: '2026-11-25T07:00:00Z',
      components: [
        { code: '8480-6', name: 'Systolic', value: 120, unit: 'mmHg' },
        { code: '8462-4', name: 'Diastolic', value: 80, unit: 'mmHg' },
      ],
    },
    { code: '8867-4', name: 'Heart rate', value: 72, unit: '/min', components: [] },
  ],
  allergies: [{ substance: 'Penicillin', reactions: ['Hives'] }],
};
