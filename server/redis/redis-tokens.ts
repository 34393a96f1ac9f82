// Partner and EHR tokens kept in Redis for every instance, encrypted at rest with AES-256-GCM (TOKEN_CACHE_KEY),
// and the lock that makes one instance, not all of them, ask for a tenant's token. A failure of Redis reads as
// "no token kept" and "no one to coordinate with": each instance then asks for its own, as without Redis.
import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import type { SharedToken, SharedTokens } from '../partner/shared-tokens.js';
import type { RedisConnection } from './redis-connection.js';

/** Deletes the lock only when it is still ours (it may have expired and been taken by another instance). */
const UNLOCK = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

export class RedisTokens implements SharedTokens {
  /** This instance's lock values, per key. */
  private readonly held = new Map<string, string>();

  constructor(
    private readonly redis: RedisConnection,
    /** 32 bytes (TOKEN_CACHE_KEY). */
    private readonly key: Buffer,
    private readonly prefix = 'rounds:token:',
    private readonly now: () => number = Date.now,
  ) {
    if (key.length !== 32) throw new Error('TOKEN_CACHE_KEY must be 32 bytes');
  }

  async get(key: string): Promise<SharedToken | undefined> {
    if (!this.redis.isUp()) return undefined;
    try {
      const sealed = await this.redis.client.getBuffer(this.prefix + key);
      return sealed ? this.open(sealed, key) : undefined;
    } catch {
      return undefined;
    }
  }

  async set(key: string, token: SharedToken): Promise<void> {
    const ttl = token.refreshAt - this.now();
    if (ttl <= 0 || !this.redis.isUp()) return;
    try {
      await this.redis.client.set(this.prefix + key, this.seal(token, key), 'PX', ttl);
    } catch {
      // Not shared this time: the others ask for their own.
    }
  }

  async lock(key: string, ttlMs: number): Promise<boolean> {
    if (!this.redis.isUp()) return true;
    const value = randomUUID();
    try {
      const taken = await this.redis.client.set(`${this.prefix}lock:${key}`, value, 'PX', ttlMs, 'NX');
      if (taken === 'OK') this.held.set(key, value);
      return taken === 'OK';
    } catch {
      return true;
    }
  }

  async unlock(key: string): Promise<void> {
    const value = this.held.get(key);
    this.held.delete(key);
    if (!value || !this.redis.isUp()) return;
    try {
      await this.redis.client.eval(UNLOCK, 1, `${this.prefix}lock:${key}`, value);
    } catch {
      // It expires by itself.
    }
  }

  /** iv (12) | tag (16) | ciphertext; the key name is bound in as additional data, so a value cannot be moved. */
  private seal(token: SharedToken, name: string): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(name));
    const body = Buffer.concat([cipher.update(JSON.stringify(token), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  private open(sealed: Buffer, name: string): SharedToken | undefined {
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(0, 12));
      decipher.setAAD(Buffer.from(name));
      decipher.setAuthTag(sealed.subarray(12, 28));
      const text = Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
      const token = JSON.parse(text) as SharedToken;
      return typeof token.accessToken === 'string' && typeof token.refreshAt === 'number' ? token : undefined;
    } catch {
      // Another key (rotated TOKEN_CACHE_KEY) or tampered: as if nothing were kept.
      return undefined;
    }
  }
}
