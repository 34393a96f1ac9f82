// HL7 SMART Backend Services (SMART App Launch 2.x, "Backend Services"): no shared secret. Rounds signs a short
// JWT with its private key (RS384 or ES384), `iss` = `sub` = client id, `aud` = the token URL, a unique `jti`,
// `exp` under five minutes; the EHR checks it against the JWKS Rounds publishes at /.well-known/jwks.json.
// The token URL comes from the server's .well-known/smart-configuration (else its metadata's oauth-uris).
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { badGateway, notConfigured } from '../errors.js';
import type { Logger } from '../logger.js';
import { checkedTokenUrl, discoverTokenUrl } from './discovery.js';
import type { SmartBackendConfig } from './endpoint-config.js';
import type { SharedToken } from './shared-tokens.js';
import type { TokenGrant } from './token-client.js';
import { oauthError, postTokenForm, tokenOf } from './token-answer.js';
import { fetchUpstream, type UpstreamOptions } from './upstream.js';

export const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** The assertion's life: the spec allows at most five minutes; less leaves room for a clock a little behind. */
export const ASSERTION_SECONDS = 240;

export interface SmartBackendOptions extends UpstreamOptions {
  config: SmartBackendConfig;
  logger: Logger;
  /** Milliseconds since the epoch; tests may move time. */
  now?: () => number;
  /** A fresh `jti` for each assertion; tests may replay one. */
  newJti?: () => string;
}

/** What the server's discovery says: where to ask, and how to ask. */
export interface SmartServer {
  tokenUrl: string;
  /** Scopes asked for when the entry names none. */
  defaultScope: string;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/**
 * `system/*.read` (SMART 1 scopes, which SMART 2 servers still accept), or `system/*.rs` for a server that
 * declares SMART 2 scopes only.
 */
export function defaultScopeOf(smartConfiguration: unknown): string {
  const capabilities = strings(isObject(smartConfiguration) ? smartConfiguration.capabilities : undefined);
  return capabilities.includes('permission-v2') && !capabilities.includes('permission-v1') ? 'system/*.rs' : 'system/*.read';
}

/** The token URL and scope from .well-known/smart-configuration, refusing a server that takes no signed assertion. */
export async function discoverSmartServer(config: SmartBackendConfig, options: UpstreamOptions): Promise<SmartServer> {
  const answer = await fetchUpstream(
    `${config.fhirUrl}/.well-known/smart-configuration`,
    { headers: { accept: 'application/json' } },
    options,
  );
  if (answer.status === 200 && isObject(answer.body) && typeof answer.body.token_endpoint === 'string') {
    const methods = strings(answer.body.token_endpoint_auth_methods_supported);
    if (!methods.includes('private_key_jwt'))
      throw notConfigured(
        `${options.who} does not accept signed assertions (its smart-configuration lists no private_key_jwt ` +
          'in token_endpoint_auth_methods_supported): register Rounds as a SMART backend services client there',
      );
    const algs = strings(answer.body.token_endpoint_auth_signing_alg_values_supported);
    if (algs.length > 0 && !algs.includes(config.key.alg))
      throw notConfigured(`${options.who} does not accept ${config.key.alg} assertions (it lists ${algs.slice(0, 4).join(', ')})`);
    const tokenUrl = checkedTokenUrl(answer.body.token_endpoint, config.fhirUrl, options.who);
    return { tokenUrl, defaultScope: defaultScopeOf(answer.body) };
  }
  // No smart-configuration: the metadata's oauth-uris still names the token URL.
  return { tokenUrl: await discoverTokenUrl(config.fhirUrl, options), defaultScope: 'system/*.read' };
}

export class SmartBackendGrant implements TokenGrant {
  readonly identity: string;
  private server?: Promise<SmartServer>;
  private readonly now: () => number;
  private readonly newJti: () => string;

  constructor(private readonly options: SmartBackendOptions) {
    const { config } = options;
    this.identity = `smart-backend\n${config.fhirUrl}\n${config.clientId}\n${config.key.keyId}`;
    this.now = options.now ?? Date.now;
    this.newJti = options.newJti ?? randomUUID;
  }

  private discover(): Promise<SmartServer> {
    if (!this.server) {
      this.server = discoverSmartServer(this.options.config, this.options);
      // A failed discovery is retried by the next request rather than remembered.
      this.server.catch(() => (this.server = undefined));
    }
    return this.server;
  }

  /** The signed client assertion for this token URL. */
  async assertion(tokenUrl: string): Promise<string> {
    const { clientId, key } = this.options.config;
    const now = Math.floor(this.now() / 1000);
    return new SignJWT({})
      .setProtectedHeader({ alg: key.alg, kid: key.keyId, typ: 'JWT' })
      .setIssuer(clientId)
      .setSubject(clientId)
      .setAudience(tokenUrl)
      .setJti(this.newJti())
      .setIssuedAt(now)
      .setExpirationTime(now + ASSERTION_SECONDS)
      .sign(key.privateKey);
  }

  async request(): Promise<SharedToken> {
    const server = await this.discover();
    const { config, who } = this.options;
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      scope: config.scope ?? server.defaultScope,
      client_assertion_type: JWT_BEARER_ASSERTION,
      client_assertion: await this.assertion(server.tokenUrl),
    });
    const started = this.now();
    const answer = await postTokenForm(server.tokenUrl, form, this.options);
    if (answer.status >= 200 && answer.status < 300) return tokenOf(answer, who, started);
    const error = oauthError(answer.body);
    const description =
      isObject(answer.body) && typeof answer.body.error_description === 'string' ? answer.body.error_description.slice(0, 200) : undefined;
    // The EHR's own words help the admin; they go to the log, not to the clinician's screen.
    this.options.logger.warn(
      { fhirUrl: config.fhirUrl, clientId: config.clientId, keyId: config.key.keyId, status: answer.status, error, description },
      'the SMART token endpoint refused our signed assertion',
    );
    if (error === 'invalid_client' || answer.status === 401)
      throw badGateway(
        `${who} refused our signed assertion (invalid_client): check that client ${config.clientId} is registered there ` +
          `with Rounds' JWKS URL (/.well-known/jwks.json), that it has key ${config.key.keyId}, and that this server's clock is right`,
      );
    if (error === 'invalid_scope')
      throw badGateway(`${who} refused the scope ${config.scope ?? server.defaultScope} (invalid_scope): set the entry's scope to what it grants`);
    throw badGateway(error ? `${who} refused the token request: ${error}` : `${who} token endpoint answered ${answer.status}`);
  }
}
