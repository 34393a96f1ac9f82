// Small HTTP helpers for the demo partner tests: a token, a FHIR GET, a patient search, a batch.
import type { FhirVersion } from '../../server/wire/contract.js';
import type { DemoTenant, RunningDemoPartner } from '../../server/demo/demo-partner.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- FHIR JSON of three versions, checked by expect()
export type Json = Record<string, any>;

export interface Answer {
  status: number;
  headers: Headers;
  body: Json;
}

export const FORM = 'application/x-www-form-urlencoded';

export function tenantOf(partner: RunningDemoPartner, version: FhirVersion): DemoTenant {
  const tenant = partner.tenants.find((t) => t.fhirVersion === version);
  if (!tenant) throw new Error(`no ${version} tenant`);
  return tenant;
}

export function requestToken(
  partner: RunningDemoPartner,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(partner.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': FORM, ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

export async function tokenFor(partner: RunningDemoPartner, tenantId: string): Promise<string> {
  const res = await requestToken(partner, {
    grant_type: 'client_credentials',
    client_id: partner.clientId,
    client_secret: partner.clientSecret,
    scope: tenantId,
  });
  if (res.status !== 200) throw new Error(`token request failed: ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

async function answerOf(res: Response): Promise<Answer> {
  return { status: res.status, headers: res.headers, body: (await res.json()) as Json };
}

export async function fhirGet(partner: RunningDemoPartner, token: string | undefined, path: string): Promise<Answer> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  return answerOf(await fetch(`${partner.url}/${path}`, { headers }));
}

export async function searchPatients(
  partner: RunningDemoPartner,
  token: string,
  form: Record<string, string>,
): Promise<Answer> {
  return answerOf(
    await fetch(`${partner.url}/Patient/_search`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': FORM },
      body: new URLSearchParams(form).toString(),
    }),
  );
}

export async function postBatch(
  partner: RunningDemoPartner,
  token: string,
  urls: string[],
  path = '/',
): Promise<Answer> {
  const bundle = {
    resourceType: 'Bundle',
    type: 'batch',
    entry: urls.map((url) => ({ request: { method: 'GET', url } })),
  };
  return answerOf(
    await fetch(`${partner.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json' },
      body: JSON.stringify(bundle),
    }),
  );
}

/** The resources of a searchset Bundle. */
export const resourcesOf = (bundle: Json): Json[] => ((bundle.entry ?? []) as Json[]).map((e) => e.resource as Json);

export const diagnosticsOf = (outcome: Json): string => String(outcome.issue?.[0]?.diagnostics ?? '');

/** The shared query table of the brief, exactly as the adapters send it. */
export function patientQueries(version: FhirVersion, id: string): string[] {
  const sort = version === 'DSTU2' ? '_sort:desc=date' : '_sort=-date';
  const medication = version === 'DSTU2' ? 'MedicationOrder' : 'MedicationRequest';
  const coverage = { DSTU2: 'subscriber', STU3: 'beneficiary', R4: 'patient' }[version];
  return [
    `Patient/${id}`,
    `Encounter?patient=${id}&${sort}&_count=1`,
    `Condition?patient=${id}&_count=50`,
    `Observation?patient=${id}&category=vital-signs&${sort}&_count=100`,
    `AllergyIntolerance?patient=${id}`,
    `${medication}?patient=${id}&_count=50`,
    `Coverage?${coverage}=${id}`,
  ];
}
