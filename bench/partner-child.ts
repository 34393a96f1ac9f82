// Starts bench/demo-partner-process.ts as a child process and talks to it over IPC: stats, the request log,
// reset, latency. Loopback only; the child exits with its parent.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { DemoUser, FhirVersion } from '../server/wire/contract.js';
import type { DemoPartnerStats, RequestLogEntry } from '../server/demo/demo-partner.js';

export interface PartnerReady {
  type: 'ready';
  url: string;
  clientId: string;
  clientSecret: string;
  users: DemoUser[];
  tenants: { tenantId: string; fhirVersion: FhirVersion; patientIds: string[] }[];
}

export interface PartnerChild {
  child: ChildProcess;
  ready: PartnerReady;
  stats(): Promise<DemoPartnerStats>;
  log(): Promise<RequestLogEntry[]>;
  reset(): Promise<void>;
  setLatency(ms: number): Promise<void>;
  close(): Promise<void>;
}

export function startPartnerChild(options: { delayMs: number; patientsPerTenant: number }): Promise<PartnerChild> {
  const child = fork(join(import.meta.dirname, 'demo-partner-process.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      BENCH_DELAY_MS: String(options.delayMs),
      BENCH_PATIENTS_PER_TENANT: String(options.patientsPerTenant),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ask = <T>(message: object, answer: string): Promise<T> =>
    new Promise((resolve) => {
      const onMessage = (reply: { type: string }): void => {
        if (reply.type !== answer) return;
        child.off('message', onMessage);
        resolve(reply as T);
      };
      child.on('message', onMessage);
      child.send(message);
    });
  return new Promise((resolve, reject) => {
    child.once('message', (ready: PartnerReady) =>
      resolve({
        child,
        ready,
        stats: async () => (await ask<{ stats: DemoPartnerStats }>({ type: 'stats' }, 'stats')).stats,
        log: async () => (await ask<{ log: RequestLogEntry[] }>({ type: 'log' }, 'log')).log,
        reset: async () => void (await ask({ type: 'reset' }, 'reset-done')),
        setLatency: async (ms) => void (await ask({ type: 'latency', ms }, 'latency-done')),
        close: async () => {
          const exited = new Promise((done) => child.once('exit', done));
          child.send({ type: 'close' });
          await exited;
        },
      }),
    );
    child.once('exit', (code) => reject(new Error(`the demo partner process exited (${code})`)));
  });
}
