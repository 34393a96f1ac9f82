/** The signed-in clinician, from a verified token. The tenant never comes from the browser. */
export interface User {
  tenantId: string;
  userId: string;
  name: string;
  username: string;
  isDemo: boolean;
}

/** Verifies the `Authorization` header of a request and returns its user, or throws a 401/403 ApiError. */
export interface Authenticator {
  authenticate(authorization: string | undefined): Promise<User>;
}

export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
}
