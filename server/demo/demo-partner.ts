// The embedded demo partner: started on a loopback port, reached over real HTTP like any partner.
import type { DemoUser } from '../api/contract.js';

export interface RunningDemoPartner {
  /** The partner's single FHIR endpoint, e.g. http://127.0.0.1:41234/fhir */
  url: string;
  clientId: string;
  clientSecret: string;
  users: DemoUser[];
  close(): Promise<void>;
}

export function startDemoPartner(_options: { host: string; port: number }): Promise<RunningDemoPartner> {
  return Promise.reject(new Error('not built yet'));
}
