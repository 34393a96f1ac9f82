// Tests speak real HTTP, but only to loopback: any other connection attempt fails the test loudly.
import net from 'node:net';

const isLoopback = (host: unknown): boolean =>
  host === undefined ||
  host === 'localhost' ||
  host === '::1' ||
  (typeof host === 'string' && (host.startsWith('127.') || host.startsWith('/')));

// eslint-disable-next-line @typescript-eslint/unbound-method -- re-applied with its own `this` below
const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connect(this: net.Socket, ...args: unknown[]): net.Socket {
  const first = args[0];
  const host =
    typeof first === 'object' && first !== null
      ? ((first as { host?: string; path?: string }).host ?? (first as { path?: string }).path)
      : typeof args[1] === 'string'
        ? args[1]
        : undefined;
  if (!isLoopback(host)) throw new Error(`Blocked a network call to ${String(host)}: tests may only reach loopback`);
  return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
};
