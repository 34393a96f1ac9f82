// loadConfig() → startRounds(config) → listen; graceful shutdown on SIGTERM/SIGINT. `npm start` runs the
// compiled copy of this file (dist/server/main.js) with plain node.
import { loadConfig, ConfigError, type Config } from './config.js';
import { createLogger } from './logger.js';
import { DEFAULT_DRAIN_MS, StartupError, startRounds } from './bootstrap.js';
import { describeForLog } from './http/error-handler.js';
import { packageVersion } from './paths.js';

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

// A bug that escapes every handler: logged without the values libraries quote (they may be PHI), then the
// process stops with a failure code, so the platform restarts a clean one instead of limping on.
const die = (kind: string) => (error: unknown) => {
  logger.fatal({ error: describeForLog(error) }, kind);
  logger.flush();
  process.exitCode = 1;
  setImmediate(() => process.exit(1));
};
process.on('uncaughtException', die('uncaught exception'));
process.on('unhandledRejection', die('unhandled promise rejection'));

const rounds = await startRounds(config, { logger, version: packageVersion() }).catch((error: unknown) => {
  if (!(error instanceof StartupError)) throw error;
  process.stderr.write(`Rounds could not start: ${error.message}\n`);
  process.exit(1);
});

let isStopping = false;
function stop(signal: string): void {
  if (isStopping) return;
  isStopping = true;
  logger.info({ signal }, 'shutting down: finishing requests in flight');
  // Draining ends by itself after DEFAULT_DRAIN_MS; this only catches a close() that hangs after it.
  setTimeout(() => process.exit(1), DEFAULT_DRAIN_MS + 5_000).unref();
  void rounds.close().then(() => {
    logger.info('stopped');
    process.exit(0);
  });
}
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
