// The demo partner in a process of its own, so the benchmarks measure the Rounds server's memory and CPU
// alone. The parent talks to it over the IPC channel of child_process.fork.
import { startDemoPartner } from '../server/demo/demo-partner.js';

export type PartnerRequest =
  | { type: 'stats' }
  | { type: 'log' }
  | { type: 'reset' }
  | { type: 'latency'; ms: number }
  | { type: 'close' };

const delayMs = Number(process.env.BENCH_DELAY_MS ?? 20);
const patientsPerTenant = Number(process.env.BENCH_PATIENTS_PER_TENANT ?? 60);
const partner = await startDemoPartner({ host: '127.0.0.1', port: 0, delayMs, patientsPerTenant });

const send = (message: unknown): void => {
  process.send?.(message);
};

process.on('message', (message: PartnerRequest) => {
  if (message.type === 'stats') send({ type: 'stats', stats: { ...partner.stats, log: [] } });
  else if (message.type === 'log') send({ type: 'log', log: partner.stats.log });
  else if (message.type === 'reset') {
    partner.resetStats();
    send({ type: 'reset-done' });
  } else if (message.type === 'latency') {
    partner.setLatency(message.ms);
    send({ type: 'latency-done' });
  } else if (message.type === 'close') void partner.close().then(() => process.exit(0));
});
// If the parent dies, do not linger.
process.on('disconnect', () => void partner.close().then(() => process.exit(0)));

send({
  type: 'ready',
  url: partner.url,
  clientId: partner.clientId,
  clientSecret: partner.clientSecret,
  users: partner.users,
  tenants: partner.tenants.map((t) => ({ tenantId: t.tenantId, fhirVersion: t.fhirVersion, patientIds: t.patientIds })),
});
