import { pino, type Logger } from 'pino';

// Never log a bearer token, a partner secret or a patient's data. Request logs carry method, path
// template and status only; these paths catch anything that slips into a log object by accident.
export const REDACT_PATHS = [
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'token',
  '*.token',
  'access_token',
  '*.access_token',
  'accessToken',
  '*.accessToken',
  'client_secret',
  '*.client_secret',
  'clientSecret',
  '*.clientSecret',
  'clientSecretNext',
  '*.clientSecretNext',
  'secret',
  '*.secret',
  'password',
  '*.password',
];

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  const options = { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: undefined };
  return destination ? pino(options, destination as pino.DestinationStream) : pino(options);
}

export type { Logger };
