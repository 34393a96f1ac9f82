// A fake Microsoft Entra ID token endpoint for apps (client credentials, v2.0), on the fake Azure AD's loopback
// port: `POST /<tenant>/oauth2/v2.0/token` with a client secret or a certificate assertion, `scope=<resource>/.default`,
// answering with Entra's documented shapes: a JWT access token for the resource, or an error body with `error`,
// an `AADSTSnnnn: …` description, `error_codes`, `trace_id`, `correlation_id` and `timestamp`.
import { createHash, randomUUID, X509Certificate } from 'node:crypto';
import express, { type Response } from 'express';
import { decodeProtectedHeader, importX509, jwtVerify } from 'jose';
import { generate } from 'selfsigned';
import type { TokenCheck } from '../../server/demo/token-store.js';
import { startFakeAad, type FakeAad } from './fake-aad.js';

export interface EntraApp {
  tenantId: string;
  clientId: string;
  /** Secret values the app registration accepts. */
  secrets?: string[];
  /** PEM certificates uploaded to the app registration. */
  certificates?: string[];
  /** Expired secrets: AADSTS7000222. */
  expiredSecrets?: string[];
}

export interface FakeEntra {
  aad: FakeAad;
  authority: string;
  /** Registers an app in a tenant (a tenant exists once an app or resource is registered in it). */
  addApp(app: EntraApp): void;
  /** A resource (FHIR service URL) of a tenant, asked for as `<resource>/.default`. */
  addResource(tenantId: string, resource: string): void;
  /** The hospital side: tokens issued for this resource in this tenant are good for `servedTenant`. */
  acceptTokensFor(resource: string, tenantId: string, servedTenant: string): (token: string) => TokenCheck;
  /** Every token request's outcome: 'ok' or its AADSTS code. */
  outcomes: string[];
  close(): Promise<void>;
}

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

function refuse(res: Response, status: 400 | 401, error: string, code: number, text: string): void {
  const trace = randomUUID();
  const correlation = randomUUID();
  const timestamp = new Date().toISOString().replace('T', ' ').slice(0, 19) + 'Z';
  res.status(status).json({
    error,
    error_description: `AADSTS${code}: ${text} Trace ID: ${trace} Correlation ID: ${correlation} Timestamp: ${timestamp}`,
    error_codes: [code],
    timestamp,
    trace_id: trace,
    correlation_id: correlation,
    error_uri: `https://login.microsoftonline.com/error?code=${code}`,
  });
}

/** A self-signed certificate and its key in one PEM, as an admin would give Rounds. */
export async function makeCertificate(commonName = 'rounds-fhir-client'): Promise<{ pem: string; certificate: string }> {
  const pems = await generate([{ name: 'commonName', value: commonName }], { keySize: 2048, algorithm: 'sha256' });
  return { pem: `${pems.cert}\n${pems.private}`, certificate: pems.cert };
}

const sha256Thumbprint = (pem: string): string => createHash('sha256').update(new X509Certificate(pem).raw).digest('base64url');

export async function startFakeEntra(): Promise<FakeEntra> {
  const apps: EntraApp[] = [];
  const resources = new Map<string, Set<string>>();
  const issued = new Map<string, { aud: string; tid: string }>();
  const outcomes: string[] = [];
  /** The fake Azure AD these routes run on; its authority is known once it listens. */
  const host: { aad?: FakeAad } = {};
  const routes = express.Router();

  routes.post('/:tenant/oauth2/v2.0/token', express.urlencoded({ extended: false }), async (req, res) => {
    const tenant = String(req.params.tenant).toLowerCase();
    const form = req.body as Record<string, string | undefined>;
    const fail = (status: 400 | 401, error: string, code: number, text: string): void => {
      outcomes.push(String(code));
      refuse(res, status, error, code, text);
    };
    if (form.grant_type !== 'client_credentials') return fail(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.');
    const known = apps.some((a) => a.tenantId === tenant) || resources.has(tenant);
    if (!known) return fail(400, 'invalid_request', 90002, `Tenant '${tenant}' not found.`);
    const app = apps.find((a) => a.tenantId === tenant && a.clientId === form.client_id);
    if (!app)
      return fail(400, 'unauthorized_client', 700016, `Application with identifier '${form.client_id}' was not found in the directory '${tenant}'.`);
    const tokenUrl = `${host.aad!.authority}/${tenant}/oauth2/v2.0/token`;
    if (form.client_assertion !== undefined) {
      if (form.client_assertion_type !== JWT_BEARER) return fail(400, 'invalid_request', 50027, 'Invalid JWT token.');
      const header = decodeProtectedHeader(form.client_assertion);
      const certificate = (app.certificates ?? []).find((pem) => sha256Thumbprint(pem) === header['x5t#S256']);
      if (!certificate) return fail(401, 'invalid_client', 700027, 'Client assertion contains an invalid signature. [Reason - The key was not found.]');
      try {
        await jwtVerify(form.client_assertion, await importX509(certificate, String(header.alg)), {
          issuer: app.clientId,
          subject: app.clientId,
          audience: tokenUrl,
          requiredClaims: ['exp', 'jti'],
        });
      } catch {
        return fail(401, 'invalid_client', 700027, 'Client assertion failed signature validation.');
      }
    } else if ((app.expiredSecrets ?? []).includes(form.client_secret ?? '')) {
      return fail(401, 'invalid_client', 7000222, `The provided client secret keys for app '${app.clientId}' are expired.`);
    } else if (!(app.secrets ?? []).includes(form.client_secret ?? '')) {
      return fail(
        401,
        'invalid_client',
        7000215,
        `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.clientId}'.`,
      );
    }
    const resource = (form.scope ?? '').replace(/\/\.default$/, '');
    if (!form.scope?.endsWith('/.default') || !resources.get(tenant)?.has(resource))
      return fail(400, 'invalid_resource', 500011, `The resource principal named ${resource} was not found in the tenant named ${tenant}.`);
    const token = await host.aad!.mint({
      claims: { tid: tenant, aud: resource, appid: app.clientId, azp: app.clientId, idtyp: 'app', roles: [], scp: undefined, name: undefined, preferred_username: undefined },
    });
    issued.set(token, { aud: resource, tid: tenant });
    outcomes.push('ok');
    res.set('Cache-Control', 'no-store').json({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token });
  });

  const aad = await startFakeAad({ routes });
  host.aad = aad;
  return {
    aad,
    authority: aad.authority,
    addApp: (app) => apps.push({ ...app, tenantId: app.tenantId.toLowerCase() }),
    addResource: (tenantId, resource) => {
      const key = tenantId.toLowerCase();
      resources.set(key, new Set([...(resources.get(key) ?? []), resource]));
    },
    acceptTokensFor: (resource, tenantId, servedTenant) => (token) => {
      const found = issued.get(token);
      return found && found.aud === resource && found.tid === tenantId.toLowerCase() ? { tenantId: servedTenant } : { problem: 'unknown' };
    },
    outcomes,
    close: () => aad.close(),
  };
}
