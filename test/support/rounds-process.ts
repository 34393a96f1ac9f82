// Rounds as a child process, exactly as production runs it: plain `node dist/server/main.js` (the compiled
// build; `npm test` builds first), for tests that must signal or kill it for real.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const REPO_ROOT = join(import.meta.dirname, '..', '..');
export const BUILT_MAIN = join(REPO_ROOT, 'dist', 'server', 'main.js');

/** The compiled server, or a clear failure when it was not built. */
export function builtMain(): string {
  if (!existsSync(BUILT_MAIN)) throw new Error(`${BUILT_MAIN} is missing: run \`npm run build\` first (npm test does)`);
  return BUILT_MAIN;
}

export interface RoundsProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote, for a failure message. */
  output(): string;
  kill(signal: NodeJS.Signals): Promise<void>;
}

export interface ProcessOptions {
  timeoutMs?: number;
  /** Before the script, e.g. `['--import', preload]`. */
  nodeArgs?: readonly string[];
  /** What node runs: the built server by default, or `scripts/start.mjs` of some tree. */
  script?: string;
  cwd?: string;
}

/** Starts the built server with `env` (PORT=0) and resolves once it logs the port it bound. */
export function startRoundsProcess(env: Record<string, string>, options: ProcessOptions = {}): Promise<RoundsProcess> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.script ?? builtMain()], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = async (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void kill('SIGKILL');
      reject(new Error(`Rounds did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      for (const line of output.split('\n')) {
        if (!line.includes('Rounds is listening')) continue;
        const { port } = JSON.parse(line) as { port: number };
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stdout?.on('data', (more: Buffer) => (output += more.toString('utf8')));
        resolve({ url: `http://127.0.0.1:${port}`, child, output: () => output, kill });
        return;
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`Rounds exited (${code ?? signal}) before listening:\n${output}`));
    });
  });
}
