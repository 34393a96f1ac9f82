// Runs one of the project's TypeScript command-line scripts as its own Node process (through tsx), as
// `npm run <script>` would, and gives back its exit code and output, also when it fails.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ScriptResult {
  code: number;
  out: string;
  err: string;
}

export interface ScriptOptions {
  /** The whole environment of the process besides PATH (nothing else is inherited, no secret leaks in). */
  env?: Record<string, string>;
  cwd?: string;
}

export async function runScript(script: string, args: string[], options: ScriptOptions = {}): Promise<ScriptResult> {
  try {
    // tsx resolved from here, so a script also runs from a working folder outside the project.
    const { stdout, stderr } = await run(process.execPath, ['--import', import.meta.resolve('tsx'), script, ...args], {
      env: { PATH: process.env.PATH ?? '', ...options.env },
      cwd: options.cwd,
    });
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout, err: e.stderr };
  }
}
