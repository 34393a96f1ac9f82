// loadConfig() → startRounds(config) → listen; graceful shutdown on SIGTERM/SIGINT.
import { readFileSync } from 'node:fs';
import { loadConfig, ConfigError, type Config } from './config.js';
import { createLogger } from './logger.js';
import { startRounds } from './bootstrap.js';

const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string })
  .version;

function readConfig(): Config {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

const config = readConfig();
const logger = createLogger(config.logLevel);
const rounds = await startRounds(config, { logger, version });

let isStopping = false;
function stop(signal: string): void {
  if (isStopping) return;
  isStopping = true;
  logger.info({ signal }, 'shutting down');
  setTimeout(() => process.exit(1), 10_000).unref();
  void rounds.close().then(() => process.exit(0));
}
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
