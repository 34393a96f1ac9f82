// `npm run check-partner -- --url <fhir url> --client-id <id> --tenant <tenant id> [--family <name> | --patient-id <id>]`
// Checks a partner against ../shared/spec/partner-interface.md and prints a pass/fail table; exits 1 on any
// failure. The secret comes only from PARTNER_CLIENT_SECRET (never the command line, never printed).
import { parseArgs } from 'node:util';
import { formatTable } from './check-partner/report.js';
import { hasFailures, runConformanceChecks, type CheckOptions } from './check-partner/run.js';

const USAGE =
  'usage: PARTNER_CLIENT_SECRET=… npm run check-partner -- --url <partner FHIR URL> --client-id <id> ' +
  '--tenant <Azure AD tenant id> [--family <test patient family name> | --patient-id <id>] [--timeout-ms 15000]\n' +
  '  --url and --client-id default to PARTNER_FHIR_URL and PARTNER_CLIENT_ID.';

function readOptions(): CheckOptions {
  if (process.argv.some((arg) => arg.startsWith('--client-secret')))
    throw new Error('the secret is read from PARTNER_CLIENT_SECRET only: on a command line it would stay in shell history');
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      'client-id': { type: 'string' },
      tenant: { type: 'string' },
      family: { type: 'string' },
      'patient-id': { type: 'string' },
      'timeout-ms': { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const url = values.url ?? process.env.PARTNER_FHIR_URL;
  const clientId = values['client-id'] ?? process.env.PARTNER_CLIENT_ID;
  const clientSecret = process.env.PARTNER_CLIENT_SECRET;
  const missing = [
    !url && '--url (or PARTNER_FHIR_URL)',
    !clientId && '--client-id (or PARTNER_CLIENT_ID)',
    !values.tenant && '--tenant',
    !clientSecret && 'PARTNER_CLIENT_SECRET in the environment',
  ].filter(Boolean);
  if (missing.length > 0) throw new Error(`missing ${missing.join(', ')}`);
  try {
    new URL(url!);
  } catch {
    throw new Error('--url is not a URL');
  }
  const timeoutMs = values['timeout-ms'] === undefined ? undefined : Number(values['timeout-ms']);
  if (timeoutMs !== undefined && !(timeoutMs > 0)) throw new Error('--timeout-ms must be a positive number');
  return {
    url: url!,
    clientId: clientId!,
    clientSecret: clientSecret!,
    tenant: values.tenant!,
    family: values.family,
    patientId: values['patient-id'],
    timeoutMs,
  };
}

let options: CheckOptions;
try {
  options = readOptions();
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}

console.log(`Checking ${options.url} for tenant ${options.tenant} (client ${options.clientId})\n`);
const results = await runConformanceChecks(options);
console.log(formatTable(results));
process.exit(hasFailures(results) ? 1 : 0);
