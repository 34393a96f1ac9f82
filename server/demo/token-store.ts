// Access tokens of the demo partner: opaque random strings, each bound to one tenant and expiring.
import { randomBytes } from 'node:crypto';

export type TokenCheck = { tenantId: string } | { problem: 'expired' | 'unknown' };

export class TokenStore {
  private readonly tokens = new Map<string, { tenantId: string; expiresAt: number }>();
  /** Every token issued, newest last (at most 1000), so a test can look for them where they must not be. */
  readonly issued: string[] = [];

  constructor(
    private readonly lifetimeSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  issue(tenantId: string): { accessToken: string; expiresIn: number } {
    this.prune();
    const accessToken = randomBytes(32).toString('base64url');
    this.tokens.set(accessToken, { tenantId, expiresAt: this.now() + this.lifetimeSeconds * 1000 });
    this.issued.push(accessToken);
    if (this.issued.length > 1000) this.issued.shift();
    return { accessToken, expiresIn: this.lifetimeSeconds };
  }

  check(accessToken: string): TokenCheck {
    const found = this.tokens.get(accessToken);
    if (!found) return { problem: 'unknown' };
    if (found.expiresAt <= this.now()) return { problem: 'expired' };
    return { tenantId: found.tenantId };
  }

  revokeAll(): void {
    this.tokens.clear();
  }

  private prune(): void {
    // Expired tokens are kept a while so a client still hears "expired" rather than "unknown".
    const cutoff = this.now() - 10 * 60_000;
    for (const [token, { expiresAt }] of this.tokens) if (expiresAt < cutoff) this.tokens.delete(token);
  }
}
