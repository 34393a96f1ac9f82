import { beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { buildPackage, type BuiltPackage } from '../../manifest/build.js';
import { unzipPackage } from '../../manifest/zip.js';
import { CLIENT_ID, productionConfig } from './support.js';

const DEMO_CONFIG = loadConfig({ DEMO: '1' });

describe('the package of the default (demo) configuration', () => {
  test('validates with --allow-http, warning that its URLs are http and SSO is off', async () => {
    const built = await buildPackage(DEMO_CONFIG, { allowHttp: true, version: '0.1.0' });
    expect(built.problems).toEqual([]);
    expect(built.warnings.join('\n')).toMatch(/URLs are http, accepted because of --allow-http/);
    expect(built.warnings.join('\n')).toMatch(/Teams SSO is off/);
    expect(built.manifest.webApplicationInfo).toBeUndefined();
  });

  test('is refused without --allow-http, naming every http URL', async () => {
    const built = await buildPackage(DEMO_CONFIG, { allowHttp: false, version: '0.1.0' });
    expect(built.problems).toContain(
      'manifest.json /configurableTabs/0/configurationUrl: http://localhost:3978/config is not https (Teams loads tab pages over https only)',
    );
    expect(built.problems.some((p) => p.startsWith('manifest.json /staticTabs/0/contentUrl'))).toBe(true);
    expect(built.problems.at(-1)).toMatch(/pass --allow-http/);
  });
});

describe('the package of a production configuration', () => {
  let built: BuiltPackage;
  beforeAll(async () => {
    built = await buildPackage(productionConfig(), { allowHttp: false, version: '2.0.0' });
  });

  test('validates with no problem and no warning', () => {
    expect(built.problems).toEqual([]);
    expect(built.warnings).toEqual([]);
  });

  test('holds manifest.json and both icons at the root of the zip', async () => {
    const files = await unzipPackage(built.zip);
    expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(JSON.parse(files.get('manifest.json')!.toString())).toEqual(built.manifest);
  });

  test('fills the tabs, SSO and domains from PUBLIC_URL and AAD_CLIENT_ID', () => {
    const { manifest } = built;
    expect(manifest).toMatchObject({
      manifestVersion: '1.25',
      $schema: 'https://developer.microsoft.com/en-us/json-schemas/teams/v1.25/MicrosoftTeams.schema.json',
      version: '2.0.0',
      configurableTabs: [
        {
          configurationUrl: 'https://rounds.example.org/config',
          canUpdateConfiguration: true,
          scopes: ['team', 'groupChat'],
          context: ['channelTab', 'privateChatTab', 'meetingChatTab', 'meetingSidePanel'],
        },
      ],
      staticTabs: [
        {
          contentUrl: 'https://rounds.example.org/tab',
          websiteUrl: 'https://rounds.example.org/tab',
          scopes: ['personal'],
        },
      ],
      webApplicationInfo: { id: CLIENT_ID, resource: `api://rounds.example.org/${CLIENT_ID}` },
      validDomains: ['rounds.example.org'],
      supportedChannelTypes: ['sharedChannels', 'privateChannels'],
      icons: { color: 'color.png', outline: 'outline.png' },
    });
    expect((manifest.description as { full: string }).full).toMatch(/replaces the retired Microsoft Teams Patients app/);
  });

  test('keeps the same app id for the same PUBLIC_URL and gives another deployment its own', async () => {
    const first = built;
    const again = await buildPackage(productionConfig(), { allowHttp: false, version: '2.0.1' });
    const staging = await buildPackage(productionConfig({ PUBLIC_URL: 'https://staging.rounds.example.org' }), {
      allowHttp: false,
      version: '2.0.0',
    });
    expect(first.manifest.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(again.manifest.id).toBe(first.manifest.id);
    expect(staging.manifest.id).not.toBe(first.manifest.id);
  });

  test('is refused when AAD_APP_ID_URI names another host than the tab', async () => {
    const config = productionConfig({ AAD_APP_ID_URI: `api://other.example.org/${CLIENT_ID}` });
    const built = await buildPackage(config, { allowHttp: false, version: '2.0.0' });
    expect(built.problems).toEqual([
      `AAD_APP_ID_URI api://other.example.org/${CLIENT_ID} differs from webApplicationInfo.resource ` +
        `api://rounds.example.org/${CLIENT_ID}: Teams would ask for tokens the server does not accept`,
    ]);
  });
});
