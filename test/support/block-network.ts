// Tests speak real HTTP, but only to loopback: any other connection attempt fails the test loudly.
import net from 'node:net';

const isLoopback = (host: unknown): boolean =>
  host === undefined ||
  host === 'localhost' ||
  host === '::1' ||
  (typeof host === 'string' && (host.startsWith('127.') || host.startsWith('/')));

// Test files that share a worker (isolate: false) run this file again: the wrapper always wraps Node's own
// connect, kept aside the first time, never a wrapper of an earlier run.
const ORIGINAL = Symbol.for('rounds.test.original-connect');
const socket = net.Socket.prototype as net.Socket & { [ORIGINAL]?: net.Socket['connect'] };
// eslint-disable-next-line @typescript-eslint/unbound-method -- re-applied with its own `this` below
socket[ORIGINAL] ??= net.Socket.prototype.connect;
const originalConnect = socket[ORIGINAL];
net.Socket.prototype.connect = function connect(this: net.Socket, ...args: unknown[]): net.Socket {
  // net.connect() and http hand over their normalised arguments as one array: [options, callback].
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  const host =
    typeof first === 'object' && first !== null
      ? ((first as { host?: string; path?: string }).host ?? (first as { path?: string }).path)
      : typeof args[1] === 'string'
        ? args[1]
        : undefined;
  if (!isLoopback(host)) throw new Error(`Blocked a network call to ${String(host)}: tests may only reach loopback`);
  return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
};
