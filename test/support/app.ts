import { createApp, type AppDeps } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';
import { DemoIdentity } from '../../server/auth/demo-identity.js';
import type { DemoUser } from '../../server/wire/contract.js';
import { listen, type Listening } from './http.js';

export const TEST_DEMO_USERS: DemoUser[] = [
  {
    userId: 'demo-user-a',
    name: 'Dr. Ada Test',
    username: 'ada@tenant-a.example',
    tenantId: 'aaaaaaaa-0000-4000-8000-000000000001',
    tenantName: 'Tenant A',
    fhirVersion: 'R4',
  },
  {
    userId: 'demo-user-b',
    name: 'Dr. Bo Test',
    username: 'bo@tenant-b.example',
    tenantId: 'bbbbbbbb-0000-4000-8000-000000000002',
    tenantName: 'Tenant B',
    fhirVersion: 'STU3',
  },
];

export interface TestApp extends Listening {
  demo: DemoIdentity;
  tokenFor(userId: string): Promise<string>;
}

/** The real app on a loopback port with a demo identity; pass overrides for other collaborators. */
export async function startTestApp(overrides: Partial<AppDeps> = {}): Promise<TestApp> {
  const demo = new DemoIdentity(TEST_DEMO_USERS);
  const app = createApp({
    config: loadConfig({ DEMO: '1', NODE_ENV: 'test' }),
    logger: createLogger('silent'),
    authenticator: demo,
    demoIdentity: demo,
    tabDir: '/nonexistent',
    ...overrides,
  });
  const listening = await listen(app);
  return { ...listening, demo, tokenFor: async (userId) => (await demo.signIn(userId)).token };
}
