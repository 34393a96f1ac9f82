// The naive way to load a list's rows: discover the token URL, get one token, then one GET per patient per
// resource, in sequence. The same queries Rounds batches (adapter.patientQueries), so the data is the same.
import type { FhirVersion } from '../server/wire/contract.js';
import { adapterFor } from '../server/fhir/adapters/adapter-for.js';
import type { PatientPart } from '../server/fhir/adapters/adapter.js';

const OAUTH_URIS = [
  'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
  'http://hl7.org/fhir/StructureDefinition/oauth-uris',
];

interface Capability {
  rest?: { security?: { extension?: { url: string; extension?: { url: string; valueUri?: string }[] }[] } }[];
}

export interface NaiveTarget {
  fhirUrl: string;
  clientId: string;
  clientSecret: string;
  tenantId: string;
  fhirVersion: FhirVersion;
}

/** A partner token for the tenant, found the way Rounds finds it: the token URL in the open /metadata. */
export async function partnerToken(target: Omit<NaiveTarget, 'fhirVersion'>): Promise<string> {
  const metadata = (await (await fetch(`${target.fhirUrl}/metadata`)).json()) as Capability;
  const oauth = metadata.rest?.[0]?.security?.extension?.find((e) => OAUTH_URIS.includes(e.url));
  const tokenUrl = oauth?.extension?.find((e) => e.url === 'token')?.valueUri;
  if (!tokenUrl) throw new Error('The partner published no token URL');
  const tokenResponse = await fetch(tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: target.clientId,
      client_secret: target.clientSecret,
      scope: target.tenantId,
    }),
  });
  return ((await tokenResponse.json()) as { access_token: string }).access_token;
}

export async function loadRowsNaively(target: NaiveTarget, patientIds: readonly string[], parts: readonly PatientPart[]): Promise<number> {
  const token = await partnerToken(target);
  const adapter = adapterFor(target.fhirVersion);
  let answered = 0;
  for (const id of patientIds) {
    for (const query of adapter.patientQueries(id, parts, { includePatient: true })) {
      const res = await fetch(`${target.fhirUrl}/${query.url}`, { headers: { authorization: `Bearer ${token}` } });
      await res.arrayBuffer();
      if (res.ok) answered += 1;
    }
  }
  return answered;
}
