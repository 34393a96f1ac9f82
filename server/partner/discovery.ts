// Where a partner's token URL is: the SMART oauth-uris extension of its open /metadata, else its
// /.well-known/smart-configuration (../shared/spec/partner-interface.md §1).
import { isLoopbackUrl } from '../config.js';
import { badGateway, notConfigured } from '../errors.js';
import { fetchUpstream, type UpstreamOptions } from './upstream.js';

/** Both URLs that servers use for the extension. */
export const OAUTH_URIS_EXTENSIONS = [
  'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
  'http://hl7.org/fhir/StructureDefinition/oauth-uris',
];

interface Extension {
  url?: unknown;
  valueUri?: unknown;
  extension?: unknown;
}

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The `token` valueUri of the oauth-uris extension in `rest[].security`, if any. */
export function tokenUrlFromCapabilities(statement: unknown): string | undefined {
  if (!isObject(statement)) return undefined;
  for (const rest of asArray(statement.rest)) {
    if (!isObject(rest) || !isObject(rest.security)) continue;
    for (const ext of asArray(rest.security.extension) as Extension[]) {
      if (!isObject(ext) || !OAUTH_URIS_EXTENSIONS.includes(String(ext.url))) continue;
      const token = (asArray(ext.extension) as Extension[]).find((sub) => isObject(sub) && sub.url === 'token');
      if (token && typeof token.valueUri === 'string' && token.valueUri !== '') return token.valueUri;
    }
  }
  return undefined;
}

/** Makes the URL absolute and refuses one that would send our secret in clear over the network. */
export function checkedTokenUrl(raw: string, fhirUrl: string, who: string): string {
  let url: URL;
  try {
    url = new URL(raw, `${fhirUrl}/`);
  } catch {
    throw badGateway(`${who} publishes a token URL that is not a URL`);
  }
  if (url.protocol !== 'https:' && !isLoopbackUrl(url.href))
    throw badGateway(`${who} publishes a token URL that is not https`);
  // Only a server on this machine may send us to this machine: a remote one naming a loopback token URL would
  // have Rounds post its credentials to whatever listens here.
  if (isLoopbackUrl(url.href) && !isLoopbackUrl(fhirUrl))
    throw badGateway(`${who} publishes a token URL on this machine's loopback address`);
  return url.href;
}

const FHIR_JSON = { accept: 'application/fhir+json, application/json' };

export async function discoverTokenUrl(fhirUrl: string, options: UpstreamOptions): Promise<string> {
  const metadata = await fetchUpstream(`${fhirUrl}/metadata`, { headers: FHIR_JSON }, options);
  const fromMetadata = metadata.status === 200 ? tokenUrlFromCapabilities(metadata.body) : undefined;
  if (fromMetadata) return checkedTokenUrl(fromMetadata, fhirUrl, options.who);

  const smart = await fetchUpstream(`${fhirUrl}/.well-known/smart-configuration`, { headers: FHIR_JSON }, options);
  const endpoint = smart.status === 200 && isObject(smart.body) ? smart.body.token_endpoint : undefined;
  if (typeof endpoint === 'string' && endpoint !== '') return checkedTokenUrl(endpoint, fhirUrl, options.who);

  throw notConfigured(
    `${options.who} publishes no token URL: neither its /metadata (oauth-uris extension) ` +
      'nor its /.well-known/smart-configuration names one',
  );
}
