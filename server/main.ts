// loadConfig() → createApp(deps) → listen; graceful shutdown on SIGTERM/SIGINT.
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { loadConfig, ConfigError, type Config } from './config.js';
import { createLogger } from './logger.js';
import { createApp } from './app.js';
import { DemoIdentity, chainAuthenticators } from './auth/demo-identity.js';
import type { Authenticator } from './auth/user.js';

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

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  const closers: Array<() => Promise<void>> = [];

  let authenticator: Authenticator = {
    authenticate: () => Promise.reject(new Error('Azure AD sign-in is not configured')),
  };
  let demoIdentity: DemoIdentity | undefined;
  if (config.isDemo) {
    // Only demo mode loads the demo partner: production code paths never import server/demo.
    const { startDemoPartner } = await import('./demo/demo-partner.js');
    const partner = await startDemoPartner({ host: '127.0.0.1', port: 0 });
    closers.push(() => partner.close());
    config.partner = { fhirUrl: partner.url, clientId: partner.clientId, clientSecret: partner.clientSecret };
    demoIdentity = new DemoIdentity(partner.users);
    authenticator = chainAuthenticators(demoIdentity);
    logger.info({ partner: partner.url }, 'demo partner started with synthetic data');
  }

  const app = createApp({ config, logger, authenticator, demoIdentity, version });
  const server: Server = app.listen(config.port, config.host, () => {
    logger.info({ url: config.publicUrl, host: config.host, port: config.port, demo: config.isDemo }, 'Rounds is listening');
  });

  let isStopping = false;
  const stop = (signal: string): void => {
    if (isStopping) return;
    isStopping = true;
    logger.info({ signal }, 'shutting down');
    server.close(() => {
      void Promise.allSettled(closers.map((close) => close())).then(() => process.exit(0));
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

await main();
