// Redis for tests: TEST_REDIS_URL (default: the local server at 127.0.0.1:6379). Under CI=true an unreachable
// Redis fails the run; elsewhere the suites skip with a loud notice, as the PostgreSQL suites do. Tests that
// take Redis away start their own redis-server on a free port (Debian's, the one .ci/run starts).
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from './http.js';
import { Redis } from 'ioredis';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export async function isRedisReachable(url: string = TEST_REDIS_URL): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 1_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** Decides whether a Redis suite runs: true, false (with a notice), or throws under CI. */
export async function requireRedis(suite: string): Promise<boolean> {
  if (await isRedisReachable()) return true;
  const message = `Redis at ${TEST_REDIS_URL} is unreachable`;
  if (process.env.CI === 'true') throw new Error(`${message}: CI needs it for ${suite}`);
  console.warn(`\n!!!!! ${message}: SKIPPING ${suite} (set TEST_REDIS_URL) !!!!!\n`);
  return false;
}

/** A redis-server of the test's own, on a port chosen now and kept across restarts. */
export interface OwnRedis {
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function ownRedis(): Promise<OwnRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  return {
    url,
    start: async () => {
      child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
        stdio: 'ignore',
      });
      for (let i = 0; i < 100 && !(await isRedisReachable(url)); i += 1) await new Promise((r) => setTimeout(r, 50));
    },
    stop: async () => {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGKILL');
      await exited;
    },
  };
}
