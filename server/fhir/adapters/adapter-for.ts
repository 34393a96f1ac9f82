// The one place Rounds branches on the FHIR version (STYLE habit 5). The version comes from the server's
// capability statement (partner-interface.md §3); everything after this call sees view models only.
import type { FhirVersion } from '../../wire/contract.js';
import type { FhirAdapter } from './adapter.js';
import { dstu2Adapter } from './dstu2.js';
import { r4Adapter } from './r4.js';
import { stu3Adapter } from './stu3.js';

export function adapterFor(version: FhirVersion): FhirAdapter {
  switch (version) {
    case 'DSTU2':
      return dstu2Adapter;
    case 'STU3':
      return stu3Adapter;
    case 'R4':
      return r4Adapter;
    default:
      // Unreachable for typed callers; a version read from outside must be parsed first (server/fhir/version.ts).
      throw new Error(`Unsupported FHIR version: ${String(version)}`);
  }
}
