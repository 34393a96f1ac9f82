// `npm run check-partner -- [--auth partner-secret|smart-backend|entra] --url <FHIR URL> --client-id <id> …`
// Checks a FHIR endpoint the way Rounds reaches it and prints a pass/fail table; exits 1 on any failure, 2 on a
// bad command line. Three kinds of connection (server/partner/endpoint-config.ts), each with its token checks
// before the same FHIR checks:
// - partner-secret (the default): the partner contract, ../shared/spec/partner-interface.md, `--tenant <tenant id>`,
//   the secret from PARTNER_CLIENT_SECRET;
// - smart-backend: a hospital's own server with SMART Backend Services, `--key <private key PEM file> --kid <key id>`;
// - entra: a FHIR service behind Microsoft Entra ID, `--entra-tenant <hospital tenant GUID>`, the secret from
//   ENTRA_CLIENT_SECRET and the token from AAD_AUTHORITY (default https://login.microsoftonline.com).
// Secrets come only from the environment, never the command line; no secret, token or key material is printed.
import { describeRun, readCommandLine } from './check-partner/cli-options.js';
import { formatTable } from './check-partner/report.js';
import { hasFailures, runConformanceChecks, type CheckOptions } from './check-partner/run.js';

const USAGE =
  'usage: PARTNER_CLIENT_SECRET=… npm run check-partner -- --url <partner FHIR URL> --client-id <id> ' +
  '--tenant <Azure AD tenant id> [--family <test patient family name> | --patient-id <id>] [--timeout-ms 15000]\n' +
  '   or: npm run check-partner -- --auth smart-backend --url <FHIR URL> --client-id <id> ' +
  '--key <private key PEM file> --kid <key id> [--alg ES384|RS384] [--scope "system/*.read"] [--family … | --patient-id …]\n' +
  '   or: ENTRA_CLIENT_SECRET=… npm run check-partner -- --auth entra --url <FHIR service URL> --client-id <app GUID> ' +
  '--entra-tenant <hospital tenant GUID> [--scope <FHIR service URL>/.default] [--family … | --patient-id …]\n' +
  '  partner-secret (the default): --url and --client-id default to PARTNER_FHIR_URL and PARTNER_CLIENT_ID.\n' +
  "  smart-backend: --alg defaults to the key's type (EC P-384: ES384, RSA of 2048 bits or more: RS384); the scope to\n" +
  "    what the server's smart-configuration implies.\n" +
  '  entra: the token comes from <AAD_AUTHORITY, default https://login.microsoftonline.com>/<tenant>/oauth2/v2.0/token.';

let options: CheckOptions;
try {
  const request = readCommandLine(process.argv.slice(2), process.env);
  if (request.help) {
    console.log(USAGE);
    process.exit(0);
  }
  options = request.options;
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}

console.log(`${describeRun(options)}\n`);
const results = await runConformanceChecks(options);
console.log(formatTable(results));
process.exit(hasFailures(results) ? 1 : 0);
