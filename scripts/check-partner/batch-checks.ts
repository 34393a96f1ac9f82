// A batch Bundle of every read of a patient's detail (Patient/<id> plus the patient-scoped searches), POSTed
// to [base] and to [base]/ (Rounds posts there); the answer is a batch-response with one entry per
// request, each carrying its own response.status (partner-interface.md §4, the shared query table).
import { PATIENT_PARTS } from '../../server/fhir/adapters/adapter.js';
import { bearer, call, outcomeCode } from './http.js';
import type { Session } from './session.js';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const STATUS_LINE = /^[1-5]\d\d(\s|$)/;

/** Why a batch-response does not answer the batch, or undefined when it does. */
function responseProblem(body: unknown, requests: number): string | undefined {
  if (!isObject(body) || body.resourceType !== 'Bundle') return 'the answer is not a Bundle';
  if (body.type !== 'batch-response') return `the Bundle is of type ${String(body.type).slice(0, 20)}, not batch-response`;
  const entries = Array.isArray(body.entry) ? body.entry : [];
  if (entries.length !== requests) return `${entries.length} entries answer ${requests} requests`;
  const withoutStatus = entries.filter((e) => {
    const response = isObject(e) ? e.response : undefined;
    return !isObject(response) || typeof response.status !== 'string' || !STATUS_LINE.test(response.status);
  }).length;
  if (withoutStatus > 0) return `${withoutStatus} entries have no response.status like "200 OK"`;
  const first = entries[0] as { response: { status: string }; resource?: unknown };
  if (!first.response.status.startsWith('200') || !isObject(first.resource) || first.resource.resourceType !== 'Patient')
    return `the Patient/<id> entry answered ${first.response.status.slice(0, 20)} without the Patient`;
  return undefined;
}

async function checkBatchAt(s: Session, id: string, url: string, shown: string): Promise<void> {
  const name = `POST a batch Bundle to ${shown}`;
  if (!s.patient?.id || !s.adapter) return s.skip(id, name, 'no test patient');
  const queries = s.adapter.patientQueries(s.patient.id, PATIENT_PARTS, { includePatient: true });
  const batch = {
    resourceType: 'Bundle',
    type: 'batch',
    entry: queries.map((q) => ({ request: { method: 'GET', url: q.url } })),
  };
  const outcome = await call(
    url,
    { method: 'POST', headers: { ...bearer(s.token), 'content-type': 'application/fhir+json' }, body: JSON.stringify(batch) },
    s.http,
  );
  if (!outcome.ok) return s.fail(id, name, outcome.reason);
  const { status, body } = outcome.answer;
  if (status !== 200)
    return s.fail(id, name, `answered ${status}${outcomeCode(body)}: Rounds falls back to one GET per resource, slower for every list`);
  const problem = responseProblem(body, queries.length);
  if (problem) return s.fail(id, name, problem);
  if (!s.hasDeclaredBatch)
    return s.warn(id, name, 'works, but the metadata does not declare the batch interaction, so Rounds will not use it');
  s.pass(id, name, `${queries.length} requests in one round trip`);
}

export async function checkBatch(s: Session): Promise<void> {
  await checkBatchAt(s, 'batch.base', s.base, '[base]');
  await checkBatchAt(s, 'batch.base-slash', `${s.base}/`, '[base]/');
}
