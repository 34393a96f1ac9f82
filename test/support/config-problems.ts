// What a configuration refuses: the problems of the ConfigError a step throws (one list naming every bad field).
import { ConfigError, loadConfig } from '../../server/config.js';

/** The problems `step` throws; it must throw a ConfigError. */
export function problemsOf(step: () => unknown): string[] {
  try {
    step();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

/** The problems of this environment; none when it is a valid configuration. */
export function configProblems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}
