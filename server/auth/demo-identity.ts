// Demo sign-in: tokens signed with a key made for this process alone, accepted only in demo mode.
import { randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import type { DemoUser } from '../wire/contract.js';
import { unauthorized, notFound } from '../errors.js';
import { bearerToken, type Authenticator, type User } from './user.js';

const ISSUER = 'urn:rounds:demo';
const AUDIENCE = 'urn:rounds:demo';
const LIFETIME = '8h';

export class DemoIdentity implements Authenticator {
  private readonly key = new Uint8Array(randomBytes(32));

  constructor(private readonly users: readonly DemoUser[]) {}

  listUsers(): DemoUser[] {
    return this.users.map((u) => ({ ...u }));
  }

  async signIn(userId: string): Promise<{ token: string; user: DemoUser }> {
    const user = this.users.find((u) => u.userId === userId);
    if (!user) throw notFound('No such demo user');
    const token = await new SignJWT({ tid: user.tenantId, name: user.name, preferred_username: user.username })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(LIFETIME)
      .sign(this.key);
    return { token, user: { ...user } };
  }

  /** True when the token claims to be one of ours, so a chain can route it here. */
  isDemoToken(authorization: string | undefined): boolean {
    const token = bearerToken(authorization);
    if (!token) return false;
    try {
      const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
        iss?: unknown;
      };
      return payload.iss === ISSUER;
    } catch {
      return false;
    }
  }

  async authenticate(authorization: string | undefined): Promise<User> {
    const token = bearerToken(authorization);
    if (!token) throw unauthorized('Sign in first: no bearer token was sent');
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
      });
      const user = this.users.find((u) => u.userId === payload.sub && u.tenantId === payload.tid);
      if (!user) throw unauthorized('The demo user is unknown');
      return { tenantId: user.tenantId, userId: user.userId, name: user.name, username: user.username, isDemo: true };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw unauthorized('The demo token has expired: sign in again');
      if (error instanceof joseErrors.JOSEError) throw unauthorized('The demo token is not valid');
      throw error;
    }
  }
}

/** Tries the demo identity for demo tokens and the next authenticator (Azure AD) for the rest. */
export function chainAuthenticators(demo: DemoIdentity, next?: Authenticator): Authenticator {
  return {
    authenticate: (authorization) =>
      !next || demo.isDemoToken(authorization) ? demo.authenticate(authorization) : next.authenticate(authorization),
  };
}
