// A small R4 partner that follows partner-interface.md, with faults to switch on one at a time so each
// test can show that the checker catches it and says why. Real HTTP on a loopback port.
import { randomUUID } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import type { FhirResource } from '../../server/fhir/adapters/adapter.js';
import { listen } from '../support/http.js';
import { CLINICAL, PATIENTS } from './fake-partner-data.js';

export type PartnerFault =
  | 'closed-metadata' // /metadata needs a token
  | 'no-token-url' // neither the oauth-uris extension nor smart-configuration
  | 'token-url-only-in-smart-configuration' // allowed by the spec: not a fault
  | 'legacy-oauth-uris-url' // the extension under http://hl7.org/fhir/…: allowed, not a fault
  | 'token-without-expires-in'
  | 'accepts-wrong-secret'
  | 'wrong-secret-not-invalid-client'
  | 'unsupported-fhir-version'
  | 'open-data' // serves patients without a token
  | 'batch-unsupported' // batch → 405, not declared
  | 'missing-mrn'
  | 'ignores-gender' // the gender parameter is silently ignored
  | 'encounter-without-type'
  | 'no-id-list'; // `Patient?_id=a,b` is refused (allowed: Rounds reads each patient instead)

export const TENANT = 'cccccccc-0000-4000-8000-000000000003';
export const CLIENT_ID = 'rounds-checker';
export const CLIENT_SECRET = 'fake-partner-secret-1234';

export interface FakePartner {
  url: string;
  close(): Promise<void>;
}

const SMART_EXTENSION = 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris';
const LEGACY_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/oauth-uris';
const SEARCH_PARAMS = new Set(['_id', 'id', 'family', 'given', 'name', 'birthdate', 'gender', 'identifier', '_count']);

type Answer = { status: number; body: unknown };
const outcome = (status: number, code: string, diagnostics: string): Answer => ({
  status,
  body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics }] },
});
const searchset = (resources: FhirResource[], total = resources.length, withTotal = true): unknown => ({
  resourceType: 'Bundle',
  type: 'searchset',
  ...(withTotal ? { total } : {}),
  entry: resources.map((resource) => ({ resource, search: { mode: 'match' } })),
});

export async function startFakePartner(faults: PartnerFault[] = []): Promise<FakePartner> {
  const has = (fault: PartnerFault): boolean => faults.includes(fault);
  const tokens = new Set<string>();
  let base = '';

  const patients = PATIENTS.map((p) =>
    has('missing-mrn') && p.id === 'p1' ? { ...p, identifier: [] } : p,
  );
  const clinical = CLINICAL.map((r) => (has('encounter-without-type') && r.resourceType === 'Encounter' ? { ...r, type: [] } : r));

  function statement(): unknown {
    const tokenUris = [{ url: 'token', valueUri: `${base}/token` }];
    const hideExtension = has('no-token-url') || has('token-url-only-in-smart-configuration');
    const extension = hideExtension
      ? []
      : [{ url: has('legacy-oauth-uris-url') ? LEGACY_EXTENSION : SMART_EXTENSION, extension: tokenUris }];
    return {
      resourceType: 'CapabilityStatement',
      status: 'active',
      kind: 'instance',
      fhirVersion: has('unsupported-fhir-version') ? '5.0.0' : '4.0.1',
      format: ['json'],
      rest: [
        {
          mode: 'server',
          security: {
            service: [{ coding: [{ system: 'http://hl7.org/fhir/restful-security-service', code: 'OAuth' }] }],
            extension,
          },
          resource: ['Patient', 'Encounter', 'Condition', 'Observation', 'AllergyIntolerance', 'MedicationRequest', 'Coverage'].map(
            (type) => ({ type }),
          ),
          interaction: has('batch-unsupported') ? [] : [{ code: 'batch' }],
        },
      ],
    };
  }

  function searchPatients(params: URLSearchParams): Answer {
    const unknown = [...params.keys()].find((key) => !SEARCH_PARAMS.has(key));
    if (unknown) return outcome(400, 'not-supported', `Unsupported search parameter: ${unknown}`);
    const text = (p: FhirResource): string => JSON.stringify(p.name).toLowerCase();
    const matches = patients.filter((p) => {
      const get = (key: string): string | null => params.get(key);
      const id = get('_id') ?? get('id');
      if (id !== null && !id.split(',').includes(p.id ?? '')) return false;
      if (get('family') !== null && !text(p).includes(get('family')!.toLowerCase())) return false;
      if (get('given') !== null && !text(p).includes(get('given')!.toLowerCase())) return false;
      if (get('name') !== null && !text(p).includes(get('name')!.toLowerCase())) return false;
      if (get('birthdate') !== null && p.birthDate !== get('birthdate')) return false;
      if (get('gender') !== null && !has('ignores-gender') && p.gender !== get('gender')) return false;
      if (get('identifier') !== null && !JSON.stringify(p.identifier).includes(`"${get('identifier')}"`)) return false;
      return true;
    });
    const count = Number(params.get('_count') ?? 50);
    return { status: 200, body: searchset(matches.slice(0, count), matches.length) };
  }

  /** GETs relative to the base: reads and the patient-scoped searches. */
  function get(relative: string): Answer {
    const [path = '', query = ''] = relative.replace(/^\/+/, '').split('?');
    const params = new URLSearchParams(query);
    const [type, id] = path.split('/');
    if (type === 'Patient' && id === undefined) {
      if (has('no-id-list') && (params.get('_id') ?? '').includes(',')) return outcome(400, 'not-supported', '_id takes one value here');
      return searchPatients(params);
    }
    if (id !== undefined) {
      const found = [...patients, ...clinical].find((r) => r.resourceType === type && r.id === id);
      return found ? { status: 200, body: found } : outcome(404, 'not-found', `${type}/${id} not found`);
    }
    const who = (params.get('patient') ?? params.get('beneficiary') ?? '').replace(/^Patient\//, '');
    if (!who) return outcome(400, 'required', 'patient is required');
    const refersTo = (r: FhirResource): boolean =>
      JSON.stringify(r.subject ?? r.patient ?? r.beneficiary ?? {}).includes(`Patient/${who}"`);
    return { status: 200, body: searchset(clinical.filter((r) => r.resourceType === type && refersTo(r))) };
  }

  function batch(body: unknown): Answer {
    if (has('batch-unsupported')) return outcome(405, 'not-supported', 'batch is not supported');
    const entries = (body as { entry?: { request?: { url?: string } }[] }).entry ?? [];
    return {
      status: 200,
      body: {
        resourceType: 'Bundle',
        type: 'batch-response',
        entry: entries.map((e) => {
          const answer = get(e.request?.url ?? '');
          return { resource: answer.body, response: { status: `${answer.status} ${answer.status === 200 ? 'OK' : 'Error'}` } };
        }),
      },
    };
  }

  const app = express();
  const send = (res: Response, answer: Answer): void => {
    res.status(answer.status).type('application/fhir+json').send(JSON.stringify(answer.body));
  };
  const isAuthorised = (req: Request): boolean =>
    has('open-data') || tokens.has((req.headers.authorization ?? '').replace(/^Bearer /, ''));
  const refuse = (res: Response): void => {
    res.set('WWW-Authenticate', 'Bearer');
    send(res, outcome(401, 'login', 'A valid bearer token is required'));
  };

  app.use(express.urlencoded({ extended: false }));
  app.use(express.json({ type: ['application/json', 'application/fhir+json'] }));

  app.post('/token', (req, res) => {
    const form = req.body as Record<string, string>;
    const isRightSecret = form.client_secret === CLIENT_SECRET || has('accepts-wrong-secret');
    if (form.client_id !== CLIENT_ID || !isRightSecret) {
      res.status(401).json({ error: has('wrong-secret-not-invalid-client') ? 'access_denied' : 'invalid_client' });
      return;
    }
    if (form.grant_type !== 'client_credentials') {
      res.status(400).json({ error: 'unsupported_grant_type' });
      return;
    }
    if (form.scope !== TENANT) {
      res.status(400).json({ error: 'invalid_scope' });
      return;
    }
    const token = randomUUID();
    tokens.add(token);
    res.json({ access_token: token, token_type: 'Bearer', ...(has('token-without-expires-in') ? {} : { expires_in: 3600 }) });
  });

  const fhir = express.Router();
  fhir.get('/metadata', (req, res) => {
    if (has('closed-metadata') && !isAuthorised(req)) return refuse(res);
    send(res, { status: 200, body: statement() });
  });
  fhir.get('/.well-known/smart-configuration', (_req, res) => {
    if (has('no-token-url')) return send(res, outcome(404, 'not-found', 'no smart-configuration'));
    res.json({ token_endpoint: `${base}/token`, grant_types_supported: ['client_credentials'] });
  });
  fhir.use((req, res, next) => (isAuthorised(req) ? next() : refuse(res)));
  fhir.post('/Patient/_search', (req, res) => {
    send(res, searchPatients(new URLSearchParams(req.body as Record<string, string>)));
  });
  fhir.post('/', (req, res) => send(res, batch(req.body)));
  fhir.get('/{*path}', (req, res) => send(res, get(req.url)));
  app.use('/fhir', fhir);

  const listening = await listen(app);
  base = listening.url;
  return { url: `${listening.url}/fhir`, close: () => listening.close() };
}
