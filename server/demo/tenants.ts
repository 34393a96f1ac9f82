// The three demo tenants (Azure AD tenant GUIDs) the partner routes to three demo FHIR servers, one per
// FHIR version, and their clinicians. All names are invented.
import type { DemoUser, FhirVersion } from '../wire/contract.js';

export const DEMO_TENANT_DSTU2_ID = '0b6f3c52-1d8a-4c7e-9f21-5a0d2e4b7c01';
export const DEMO_TENANT_STU3_ID = '7e94a1d0-3b2c-4f6e-8a17-c2d5e9f04b02';
export const DEMO_TENANT_R4_ID = 'd25c8e7f-6a4b-4d39-b1e0-93f7a6c2d503';

/** The demo partner's fixed client credentials. Demo only: they guard synthetic data on a loopback port. */
export const DEMO_CLIENT_ID = 'rounds-demo-client';
export const DEMO_CLIENT_SECRET = 'rounds-demo-secret-not-for-production';

export interface DemoTenantDefinition {
  tenantId: string;
  name: string;
  fhirVersion: FhirVersion;
  /** Short key used in ids, MRNs and e-mail domains. */
  key: string;
  domain: string;
  /** MRN prefix: MRNs never collide between tenants. */
  mrnPrefix: string;
  /** Each server names its resources its own way, as real EHRs do. */
  idStyle: 'numeric' | 'dotted' | 'uuid';
  /** The units its laboratory reports in; SI when absent. */
  labUnits?: 'si' | 'conventional';
  wards: readonly string[];
  clinicians: readonly { userId: string; name: string; username: string }[];
}

export const DEMO_TENANT_DEFINITIONS: readonly DemoTenantDefinition[] = [
  {
    tenantId: DEMO_TENANT_DSTU2_ID,
    name: 'Cedar Valley Medical Center',
    fhirVersion: 'DSTU2',
    key: 'cvmc',
    domain: 'cedarvalley.example',
    mrnPrefix: 'CV',
    idStyle: 'numeric',
    labUnits: 'conventional',
    wards: ['3 North Medical', '4 West Surgical', '5 East Cardiac'],
    clinicians: [
      { userId: 'demo-cvmc-okafor', name: 'Dr. Amara Okafor', username: 'amara.okafor@cedarvalley.example' },
      { userId: 'demo-cvmc-lindqvist', name: 'Dr. Henrik Lindqvist', username: 'henrik.lindqvist@cedarvalley.example' },
    ],
  },
  {
    tenantId: DEMO_TENANT_STU3_ID,
    name: 'Harbor Point Hospital',
    fhirVersion: 'STU3',
    key: 'hph',
    domain: 'harborpoint.example',
    mrnPrefix: 'HP',
    idStyle: 'dotted',
    wards: ['Ward 2A Respiratory', 'Ward 6B General Medicine', 'Ward 7C Orthopaedics'],
    clinicians: [
      { userId: 'demo-hph-ramirez', name: 'Dr. Lucía Ramírez', username: 'lucia.ramirez@harborpoint.example' },
      { userId: 'demo-hph-nakamura', name: 'Dr. Kenji Nakamura', username: 'kenji.nakamura@harborpoint.example' },
    ],
  },
  {
    tenantId: DEMO_TENANT_R4_ID,
    name: 'Northfield University Hospital',
    fhirVersion: 'R4',
    key: 'nuh',
    domain: 'northfield.example',
    mrnPrefix: 'NF',
    idStyle: 'uuid',
    wards: ['Acute Medical Unit', 'Cardiology Ward 9', 'Surgical Ward 11'],
    clinicians: [
      { userId: 'demo-nuh-adeyemi', name: 'Dr. Tolu Adeyemi', username: 'tolu.adeyemi@northfield.example' },
      { userId: 'demo-nuh-brennan', name: 'Dr. Siobhan Brennan', username: 'siobhan.brennan@northfield.example' },
    ],
  },
];

export function demoUsersOf(tenants: readonly DemoTenantDefinition[]): DemoUser[] {
  return tenants.flatMap((tenant) =>
    tenant.clinicians.map((clinician) => ({
      ...clinician,
      tenantId: tenant.tenantId,
      tenantName: tenant.name,
      fhirVersion: tenant.fhirVersion,
    })),
  );
}

/** The demo hospital Rounds reaches through SMART Backend Services in demo mode, as a hospital's own EHR. */
export const DEMO_SMART_TENANT_ID = DEMO_TENANT_R4_ID;
export const DEMO_SMART_CLIENT_ID = 'rounds-demo-backend';
