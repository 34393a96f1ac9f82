// Rounds as a child process (`node --import tsx server/main.ts`), for tests that must kill it for real.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const REPO_ROOT = join(import.meta.dirname, '..', '..');

export interface RoundsProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote, for a failure message. */
  output(): string;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** Starts server/main.ts with `env` (PORT=0) and resolves once it logs the port it bound. */
export function startRoundsProcess(env: Record<string, string>, timeoutMs = 20_000): Promise<RoundsProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'server', 'main.ts')], {
    cwd: REPO_ROOT,
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
