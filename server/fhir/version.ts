import type { FhirVersion } from '../wire/contract.js';
import { badGateway } from '../errors.js';

// fhirVersion of the capability statement → the release we read (partner-interface.md §3).
const RELEASES: Array<[RegExp, FhirVersion]> = [
  [/^1\.0\.\d+$/, 'DSTU2'],
  [/^3\.0\.\d+$/, 'STU3'],
  [/^4\.0\.\d+$/, 'R4'],
];

/** Maps a server's fhirVersion; any other version is a 502 naming it, for the admin. */
export function fhirVersionFrom(value: unknown, who: string): FhirVersion {
  const text = typeof value === 'string' ? value.trim() : '';
  const match = RELEASES.find(([pattern]) => pattern.test(text));
  if (match) return match[1];
  const shown = text.replace(/[^\w.\-+]/g, '').slice(0, 24);
  throw badGateway(
    shown
      ? `${who} speaks FHIR ${shown}, which Rounds does not read (it reads 1.0.x DSTU2, 3.0.x STU3 and 4.0.x R4)`
      : `${who} does not state its FHIR version (fhirVersion) in its capability statement`,
  );
}
