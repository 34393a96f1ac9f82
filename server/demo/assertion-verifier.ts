// How an EHR checks a SMART Backend Services client assertion (SMART App Launch 2.x, Backend Services,
// "Signature verification"): the client is registered with a JWKS URL; the assertion is a JWT signed RS384 or
// ES384 with a `kid` found in that set (fetched from the client, again when an unknown `kid` appears); `iss` and
// `sub` are the client id; `aud` is this token URL; `exp` is at most five minutes ahead and not past; a `jti`
// is never accepted twice while its assertion lives.
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { OAuthError } from './token-endpoint.js';

export const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const ALGORITHMS = ['RS384', 'ES384'];
const MAX_LIFETIME_SECONDS = 300;

export interface RegisteredClient {
  clientId: string;
  /** Where the client publishes its keys: Rounds' /.well-known/jwks.json. */
  jwksUrl: string;
}

/** How this EHR differs from a well-run one, for tests: a clock ahead, a token URL it expects other than its own. */
export interface AssertionQuirks {
  clockSkewSeconds?: number;
  audience?: string;
}

export interface AssertionLog {
  accepted: number;
  /** Why each refused assertion was refused, in order. */
  refused: string[];
  /** Every `jti` accepted, in order. */
  jtis: string[];
}

const refuse = (description: string): OAuthError => new OAuthError(401, 'invalid_client', description);

export class AssertionVerifier {
  private readonly clients = new Map<string, { client: RegisteredClient; keys: JWTVerifyGetKey }>();
  /** jti → when its assertion expires (seconds): a replay before then is refused. */
  private readonly seen = new Map<string, number>();
  quirks: AssertionQuirks = {};
  readonly log: AssertionLog = { accepted: 0, refused: [], jtis: [] };

  constructor(
    private readonly tokenUrl: string,
    private readonly now: () => number = Date.now,
  ) {}

  register(client: RegisteredClient): void {
    // A new kid makes the set be fetched again (no sooner than a second after the last fetch).
    const keys = createRemoteJWKSet(new URL(client.jwksUrl), { cooldownDuration: 1_000, timeoutDuration: 5_000 });
    this.clients.set(client.clientId, { client, keys });
  }

  /** The client id of a valid assertion in this token request; an OAuthError (invalid_client) otherwise. */
  async verify(form: URLSearchParams): Promise<string> {
    try {
      const clientId = await this.check(form);
      this.log.accepted += 1;
      return clientId;
    } catch (error) {
      if (error instanceof OAuthError) this.log.refused.push(error.description);
      throw error;
    }
  }

  private async check(form: URLSearchParams): Promise<string> {
    if (form.get('client_assertion_type') !== JWT_BEARER_ASSERTION)
      throw refuse(`client_assertion_type must be ${JWT_BEARER_ASSERTION}`);
    const assertion = form.get('client_assertion') ?? '';
    let header: ReturnType<typeof decodeProtectedHeader>;
    let claims: ReturnType<typeof decodeJwt>;
    try {
      header = decodeProtectedHeader(assertion);
      claims = decodeJwt(assertion);
    } catch {
      throw refuse('client_assertion is not a JWT');
    }
    if (!ALGORITHMS.includes(String(header.alg))) throw refuse('The assertion must be signed RS384 or ES384');
    if (typeof header.kid !== 'string') throw refuse('The assertion header has no kid');
    const registered = typeof claims.iss === 'string' ? this.clients.get(claims.iss) : undefined;
    if (!registered) throw refuse('The assertion names no registered client (iss)');
    if (form.has('client_id') && form.get('client_id') !== registered.client.clientId) throw refuse('client_id differs from iss');
    const nowSeconds = Math.floor(this.now() / 1000) + (this.quirks.clockSkewSeconds ?? 0);
    let payload: Awaited<ReturnType<typeof jwtVerify>>['payload'];
    try {
      ({ payload } = await jwtVerify(assertion, registered.keys, {
        algorithms: ALGORITHMS,
        issuer: registered.client.clientId,
        subject: registered.client.clientId,
        audience: this.quirks.audience ?? this.tokenUrl,
        currentDate: new Date(nowSeconds * 1000),
        requiredClaims: ['exp', 'jti'],
      }));
    } catch (error) {
      throw refuse(reasonOf(error, header.kid));
    }
    if ((payload.exp ?? 0) - nowSeconds > MAX_LIFETIME_SECONDS) throw refuse('The assertion expires more than five minutes from now');
    const jti = String(payload.jti);
    this.forgetExpired(nowSeconds);
    if (this.seen.has(jti)) throw refuse('The assertion jti was already used');
    this.seen.set(jti, payload.exp ?? nowSeconds);
    this.log.jtis.push(jti);
    return registered.client.clientId;
  }

  private forgetExpired(nowSeconds: number): void {
    for (const [jti, exp] of this.seen) if (exp < nowSeconds) this.seen.delete(jti);
  }
}

function reasonOf(error: unknown, kid: string): string {
  if (error instanceof errors.JWKSNoMatchingKey) return `The client's JWKS has no key ${kid.slice(0, 64)}`;
  if (error instanceof errors.JWTExpired) return 'The assertion has expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `The assertion's ${error.claim} claim is not valid`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'The assertion signature does not verify';
  if (error instanceof errors.JOSEError) return `The assertion cannot be verified (${error.code})`;
  return "The client's JWKS could not be fetched";
}
