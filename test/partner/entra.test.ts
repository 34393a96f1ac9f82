// A FHIR service behind Microsoft Entra ID (Azure Health Data Services) over real HTTP: Rounds asks the fake Entra
// at AAD_AUTHORITY for `<fhirUrl>/.default` in the hospital's tenant, with a secret or a certificate; the FHIR fake
// accepts only tokens Entra issued for it. Entra's refusals become 502s that tell the admin what to fix. Then three
// tenants on three kinds, side by side in one Rounds.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import {
  DEMO_TENANT_DSTU2_ID,
  DEMO_TENANT_R4_ID,
  DEMO_TENANT_STU3_ID,
  startDemoPartner,
  type RunningDemoPartner,
} from '../../server/demo/demo-partner.js';
import { makeCertificate, startFakeEntra, type FakeEntra } from '../support/fake-entra.js';
import { diagnosticsOf, startRoundsFor, type RoundsForPartner } from '../support/rounds-for-partner.js';
import { rowPatientIds, rowsThrough } from '../support/rows-through.js';

/** The hospital's own Entra tenant, which owns the FHIR service; not the Teams users' tenant. */
const HOSPITAL_TENANT = 'c0ffee00-0000-4000-8000-00000000c0de';
const APP_ID = '22222222-3333-4444-8555-666666666666';
const SECRET = 'entra-secret-value-Q~abc';
const TEAMS_TENANT = DEMO_TENANT_STU3_ID;

let entra: FakeEntra;
let partner: RunningDemoPartner;
let fhirUrl = '';
let certificateFile: string;
const started: RoundsForPartner[] = [];

beforeAll(async () => {
  entra = await startFakeEntra();
  partner = await startDemoPartner({
    host: '127.0.0.1',
    port: 0,
    patientsPerTenant: 12,
    hospitals: [
      { tenantId: DEMO_TENANT_STU3_ID, acceptToken: (token) => entra.acceptTokensFor(fhirUrl, HOSPITAL_TENANT, DEMO_TENANT_STU3_ID)(token) },
      { tenantId: DEMO_TENANT_R4_ID },
    ],
  });
  fhirUrl = partner.hospitals[0]!.url;
  entra.addResource(HOSPITAL_TENANT, fhirUrl);
  const certificate = await makeCertificate();
  entra.addApp({ tenantId: HOSPITAL_TENANT, clientId: APP_ID, secrets: [SECRET], certificates: [certificate.certificate], expiredSecrets: ['old-secret'] });
  const dir = mkdtempSync(join(tmpdir(), 'entra-'));
  certificateFile = join(dir, 'rounds-entra.pem');
  writeFileSync(certificateFile, certificate.pem, { mode: 0o600 });
});
afterEach(async () => {
  await Promise.all(started.splice(0).map((rounds) => rounds.close()));
});
afterAll(async () => {
  await partner.close();
  await entra.close();
});

async function roundsWith(entry: Record<string, unknown>): Promise<RoundsForPartner> {
  const rounds = await startRoundsFor({
    aad: entra.aad,
    routes: { [TEAMS_TENANT]: { auth: 'entra', fhirUrl, entraTenantId: HOSPITAL_TENANT, clientId: APP_ID, ...entry } },
  });
  started.push(rounds);
  return rounds;
}

const samplesOf = (tenantId: string): string[] => partner.tenants.find((t) => t.tenantId === tenantId)!.samplePatientIds.slice(0, 2);

describe('a FHIR service behind Microsoft Entra ID', () => {
  test('reads rows with a client-secret token for <fhirUrl>/.default from the hospital tenant', async () => {
    const rounds = await roundsWith({ clientSecret: SECRET });
    const rows = await rowsThrough(rounds.url, entra.aad, TEAMS_TENANT, samplesOf(TEAMS_TENANT));
    expect(rows.status).toBe(200);
    expect(rowPatientIds(rows)).toEqual(samplesOf(TEAMS_TENANT));
    expect(entra.outcomes.at(-1)).toBe('ok');
    expect((await rounds.get('/api/connection', TEAMS_TENANT)).body).toMatchObject({ auth: 'entra', fhirVersion: 'STU3' });
  });

  test('reads rows with a certificate: a PS256 assertion naming the certificate by its SHA-256 thumbprint', async () => {
    const rounds = await roundsWith({ certificateFile });
    const rows = await rowsThrough(rounds.url, entra.aad, TEAMS_TENANT, samplesOf(TEAMS_TENANT));
    expect(rows.status).toBe(200);
    expect(entra.outcomes.at(-1)).toBe('ok');
  });

  test('the FHIR service refuses a token Entra did not issue for it', async () => {
    const res = await fetch(`${fhirUrl}/Patient?_count=1`, { headers: { authorization: `Bearer ${await entra.aad.mint()}` } });
    expect(res.status).toBe(401);
  });

  test.each([
    ['AADSTS700016 (unknown app)', { clientId: '99999999-3333-4444-8555-666666666666', clientSecret: SECRET }, /has no application 99999999-.* in tenant c0ffee00-.* \(AADSTS700016\): check the entry's clientId and entraTenantId/],
    ['AADSTS7000215 (wrong secret)', { clientSecret: 'not-the-secret' }, /refused the client secret of application 2222.* \(AADSTS7000215\): set the secret's value \(not its ID\)/],
    ['AADSTS7000222 (expired secret)', { clientSecret: 'old-secret' }, /has expired \(AADSTS7000222\): create a new one/],
    ['AADSTS500011 (no such resource)', { clientSecret: SECRET, scope: 'https://other-ws.fhir.azurehealthcareapis.com/.default' }, /found no resource for the scope https:\/\/other-ws.* \(AADSTS500011\): the scope must be the FHIR service's URL followed by \/\.default/],
  ])('%s gives a 502 that tells the admin what to fix, echoing no secret', async (_name, entry, message) => {
    const rounds = await roundsWith(entry);
    const answer = await rounds.get('/api/patients?family=a', TEAMS_TENANT);
    expect(answer.status).toBe(502);
    expect(diagnosticsOf(answer.body)).toMatch(message);
    const everything = JSON.stringify(answer.body) + rounds.logs.join('\n');
    for (const secret of [SECRET, 'not-the-secret', 'old-secret']) expect(everything).not.toContain(secret);
  });
});

describe('three tenants on three kinds in one Rounds', () => {
  test('each reads its own server only: partner secret, SMART Backend Services and Entra side by side', async () => {
    const smartHospital = partner.hospitals[1]!;
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
    const keyFile = join(mkdtempSync(join(tmpdir(), 'three-kinds-')), 'smart.pem');
    writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    const rounds = await startRoundsFor({
      aad: entra.aad,
      partner: { url: partner.url, clientId: partner.clientId, secret: partner.clientSecret },
      routes: {
        [DEMO_TENANT_R4_ID]: { auth: 'smart-backend', fhirUrl: smartHospital.url, clientId: 'rounds-three', keyId: 'three', alg: 'ES384', privateKeyFile: keyFile },
        [DEMO_TENANT_STU3_ID]: { auth: 'entra', fhirUrl, entraTenantId: HOSPITAL_TENANT, clientId: APP_ID, clientSecret: SECRET },
      },
    });
    started.push(rounds);
    smartHospital.registerClient({ clientId: 'rounds-three', jwksUrl: `${rounds.url}/.well-known/jwks.json` });
    partner.resetStats();

    const tenants = [DEMO_TENANT_DSTU2_ID, DEMO_TENANT_R4_ID, DEMO_TENANT_STU3_ID];
    const answers = await Promise.all(tenants.map((tenant) => rowsThrough(rounds.url, entra.aad, tenant, samplesOf(tenant))));

    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.map(rowPatientIds)).toEqual(tenants.map(samplesOf));
    const kinds = await Promise.all(tenants.map(async (tenant) => (await rounds.get('/api/connection', tenant)).body));
    expect(kinds.map((k) => [k.auth, k.mode, k.fhirVersion])).toEqual([
      ['partner-secret', 'partner', 'DSTU2'],
      ['smart-backend', 'direct', 'R4'],
      ['entra', 'direct', 'STU3'],
    ]);
    // A tenant's patient is unknown on the other tenants' servers: each reached only its own.
    const crossed = await rowsThrough(rounds.url, entra.aad, DEMO_TENANT_STU3_ID, samplesOf(DEMO_TENANT_R4_ID).slice(0, 1));
    expect(crossed.status).toBe(400);
    expect(diagnosticsOf(crossed.body)).toBe('patientId: the EHR has no patient with this id');
  });
});
