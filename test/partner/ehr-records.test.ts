// Ehr.records, which the list rows use: many patients in batch Bundles of at most 50 entries, sent together.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { adapterFor } from '../../server/fhir/adapters/adapter-for.js';
import { EhrService } from '../../server/fhir/ehr-service.js';
import { FhirTransport } from '../../server/fhir/transport.js';
import { createLogger } from '../../server/logger.js';
import { PartnerRouter } from '../../server/partner/tenant-router.js';
import { ApiError } from '../../server/errors.js';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_TENANT_R4_ID, startDemoPartner, type RunningDemoPartner } from '../../server/demo/demo-partner.js';
import { seededPatients } from '../support/partner-records.js';

const TENANT_A = DEMO_TENANT_R4_ID;
const ids = Array.from({ length: 50 }, (_, i) => `p${i}`);
let partner: RunningDemoPartner;
let ehr: EhrService;

/** The entries of each batch the partner received, in order. */
const batchSizes = (): number[] => partner.stats.log.flatMap((e) => (e.entries ? [e.entries.length] : []));
/** HTTP requests to FHIR paths other than the metadata, batches included. */
const fhirRequests = (): number => partner.stats.log.filter((e) => e.path.startsWith('/fhir') && !e.path.endsWith('/metadata')).length;

function ehrFor(url: string): EhrService {
  const router = new PartnerRouter({
    partner: { fhirUrl: url, clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET },
    partnerMode: 'partner',
    logger: createLogger('silent'),
  });
  return new EhrService({ router, adapterFor, client: { transport: new FhirTransport({ maxResponseBytes: 1 << 24 }) } });
}

beforeAll(async () => {
  partner = await startDemoPartner({ host: '127.0.0.1', port: 0, patientsPerTenant: 1 });
  partner.addRecords(
    TENANT_A,
    seededPatients(ids.map((id, i) => ({ id, family: `Fam${i}`, given: 'Given', mrn: `MRN${i}`, isLocationDisplayMissing: i % 10 === 0 }))),
  );
  ehr = ehrFor(partner.url);
  await ehr.connection(TENANT_A);
});
afterAll(() => partner.close());
beforeEach(() => partner.resetStats());

describe('records for a list', () => {
  test('50 patients with a few columns go as Bundles of at most 50 entries, plus one for missing locations', async () => {
    const { records } = await ehr.records(TENANT_A, ids, { parts: ['encounter', 'conditions', 'vitals'], includePatient: true });
    expect(records.size).toBe(50);
    // 50 × 3 parts + one `Patient?_id=…` search = 151 reads → 4 Bundles sent together; then the 5 Location reads.
    expect(batchSizes()).toEqual([50, 50, 50, 1, 5]);
    expect(fhirRequests()).toBe(5);
    const first = records.get('p0');
    expect(first?.patient?.mrn).toBe('MRN0');
    expect(first?.encounter?.location).toBe('Ward 1, Room p0');
    expect(records.get('p7')?.conditions.map((c) => c.text)).toEqual(['Hypertensive disorder']);
    expect(records.get('p7')?.medications).toEqual([]);
  });

  test('only the patients, as one search in one Bundle, when no clinical column is shown', async () => {
    const { records } = await ehr.records(TENANT_A, ids, { parts: [], includePatient: true });
    expect(batchSizes()).toEqual([1]);
    expect([...records.values()].every((r) => r.patient !== undefined && r.issues.length === 0)).toBe(true);
  });

  test('an unknown patient gets no patient and an issue line; the others are whole', async () => {
    const { records } = await ehr.records(TENANT_A, ['p1', 'gone', 'p1'], { parts: ['conditions'], includePatient: true });
    expect([...records.keys()]).toEqual(['p1', 'gone']);
    expect(records.get('gone')?.patient).toBeUndefined();
    expect(records.get('gone')?.issues).toEqual(['Patient: 404 from the EHR']);
    expect(records.get('p1')?.patient?.id).toBe('p1');
  });

  test('asks nothing when there is nothing to ask', async () => {
    const { records } = await ehr.records(TENANT_A, ['p1'], { parts: [] });
    expect(records.get('p1')).toMatchObject({ conditions: [], issues: [] });
    expect(fhirRequests()).toBe(0);
  });

  test('rejects with a 502 when the EHR cannot be reached at all', async () => {
    const down = await startDemoPartner({ host: '127.0.0.1', port: 0, patientsPerTenant: 1 });
    const lonely = ehrFor(down.url);
    await down.close();
    const error = await lonely.records(TENANT_A, ['p1'], { parts: ['conditions'], includePatient: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(502);
  });
});
