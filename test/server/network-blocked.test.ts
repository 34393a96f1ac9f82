import { createServer } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { describe, expect, test } from 'vitest';

// test/support/block-network.ts (every file's setup): tests reach loopback only.
describe('the tests’ network', () => {
  test('refuses a connection to anything but loopback, by name or address', () => {
    expect(() => net.connect({ host: '203.0.113.7', port: 443 })).toThrow(/Blocked a network call to 203\.0\.113\.7/);
    expect(() => net.connect(443, 'graph.microsoft.com')).toThrow(/Blocked a network call to graph\.microsoft\.com/);
  });

  test('fetch to the internet fails with the block as its cause', async () => {
    const failure = await fetch('https://login.microsoftonline.com/common/discovery/keys').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TypeError);
    expect(String((failure as TypeError).cause)).toMatch(/Blocked a network call to login\.microsoftonline\.com/);
  });

  test('lets a connection to loopback through', async () => {
    const server = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('ok');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
