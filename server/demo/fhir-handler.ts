// One FHIR interaction against one demo server, as plain data in and out, so a request over HTTP and an
// entry of a batch are answered by the same code: read, search (GET [type], POST [type]/_search), metadata.
import { ApiError, badRequest, notFound } from '../errors.js';
import type { DemoTenantDefinition } from './tenants.js';
import type { ResourceStore } from './fhir-store.js';
import type { DemoRenderer, FhirJson } from './render/renderer.js';
import { searchResources } from './search.js';
import { searchsetBundle, type BatchAnswer } from './bundle.js';
import { servedTypes } from './search-params.js';

/** One tenant's FHIR server: its version's renderer and its resources. */
export interface DemoFhirServer {
  tenant: DemoTenantDefinition;
  renderer: DemoRenderer;
  store: ResourceStore;
  /** The server's capability statement as seen from the caller's base URL. */
  capability(base: string): FhirJson;
}

export interface FhirCall {
  method: string;
  /** Path segments below the base, e.g. ["Patient", "_search"] or ["Location", "21250003"]. */
  segments: string[];
  params: [string, string][];
  /** The FHIR base URL as the caller reached it, for fullUrl and self links. */
  base: string;
}

const readOnly = (): ApiError =>
  new ApiError(
    405,
    'not-supported',
    'This demo FHIR server is read-only: only GET, POST [type]/_search and batch are supported',
  );

export function answerFhirCall(server: DemoFhirServer, call: FhirCall): BatchAnswer {
  const { version } = server.renderer;
  const [type, second, ...rest] = call.segments;
  if (type === 'metadata' && second === undefined) {
    if (call.method !== 'GET') throw readOnly();
    return { status: 200, resource: server.capability(call.base) };
  }
  if (type === undefined) throw badRequest('No resource type in the request path');
  if (!servedTypes(version).includes(type)) {
    throw new ApiError(
      404,
      'not-supported',
      `This ${version} server does not serve the resource type '${type.slice(0, 64)}'`,
    );
  }
  if (rest.length > 0)
    throw badRequest(`Unsupported request path ${type}/${second ?? ''}/${rest.join('/')}`.slice(0, 200));

  const isSearch = second === undefined || second === '_search';
  if (isSearch) {
    const isAllowed = second === undefined ? call.method === 'GET' : call.method === 'POST' || call.method === 'GET';
    if (!isAllowed) throw readOnly();
    const outcome = searchResources(server.store, version, type, call.params);
    const query = new URLSearchParams(call.params).toString();
    return {
      status: 200,
      resource: searchsetBundle(call.base, `${call.base}/${type}${query ? `?${query}` : ''}`, outcome),
    };
  }
  if (call.method !== 'GET') throw readOnly();
  const extra = call.params.find(([name]) => name !== '_format' && name !== '_pretty');
  if (extra) throw badRequest(`Unsupported parameter '${extra[0].slice(0, 64)}' on a read of ${type}/<id>`);
  const found = server.store.read(type, second);
  if (!found) throw notFound(`${type}/${second.slice(0, 64)} is not known to this server`);
  return { status: 200, resource: found.resource };
}
