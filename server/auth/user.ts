import { inspect } from 'node:util';

/** A secret that never prints: JSON, util.inspect (so pino and console) and string conversion show a mask. */
export class Redacted {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The secret itself, for the one call that sends it. */
  reveal(): string {
    return this.#value;
  }

  toJSON(): string {
    return '[redacted]';
  }

  toString(): string {
    return '[redacted]';
  }

  [inspect.custom](): string {
    return '[redacted]';
  }
}

/** The signed-in clinician, from a verified token. The tenant never comes from the browser. */
export interface User {
  tenantId: string;
  userId: string;
  name: string;
  username: string;
  isDemo: boolean;
  /** The Azure AD access token the user signed in with: the assertion of the on-behalf-of exchange (Graph). */
  token?: Redacted;
}

/** Verifies the `Authorization` header of a request and returns its user, or throws a 401/403 ApiError. */
export interface Authenticator {
  authenticate(authorization: string | undefined): Promise<User>;
}

export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
}
