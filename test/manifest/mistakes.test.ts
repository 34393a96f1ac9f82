import { describe, expect, test } from 'vitest';
import { checkIcon } from '../../manifest/icon-check.js';
import { checkRules } from '../../manifest/rules.js';
import { validatePackage, validatePackageFiles } from '../../manifest/validate.js';
import { zipPackage } from '../../manifest/zip.js';
import { EXPECTED, goodManifest, outlineIn, packageFiles, solidPng } from './support.js';

type Manifest = Record<string, unknown> & {
  configurableTabs: Record<string, unknown>[];
  staticTabs: Record<string, unknown>[];
  webApplicationInfo: Record<string, unknown>;
};
const manifest = (): Manifest => goodManifest() as Manifest;

// Each named kind of mistake goes through the whole validator; the finer rules are checked on their own
// function, since every full validation compiles Microsoft's schema again (a few hundred ms).
describe('a manifest with a mistake is refused with a message naming it', () => {
  test('the good manifest itself passes (so each failure below is the mistake)', async () => {
    expect(await validatePackageFiles(packageFiles(manifest()), EXPECTED)).toEqual({ problems: [], warnings: [] });
  });

  test('a missing required field', async () => {
    const m = manifest();
    delete m.accentColor;
    const { problems } = await validatePackageFiles(packageFiles(m), EXPECTED);
    expect(problems).toEqual(["manifest.json /: must have required property 'accentColor'"]);
  });

  test('a scope in the wrong case', async () => {
    const m = manifest();
    m.configurableTabs[0]!.scopes = ['team', 'groupchat'];
    const { problems } = await validatePackageFiles(packageFiles(m), EXPECTED);
    expect(problems).toEqual([
      'manifest.json /configurableTabs/0/scopes/1: must be equal to one of the allowed values (team, groupChat)',
    ]);
  });

  test('packageName, removed from the schema in 1.17', async () => {
    const m = { ...manifest(), packageName: 'org.example.rounds' };
    const { problems } = await validatePackageFiles(packageFiles(m), EXPECTED);
    expect(problems).toEqual(['manifest.json /: must NOT have additional properties: "packageName"']);
  });

  test('a colour icon of the wrong size', async () => {
    const files = packageFiles(manifest(), { color: solidPng(100, 100, [11, 106, 119, 255]) });
    const { problems } = await validatePackageFiles(files, EXPECTED);
    expect(problems).toEqual(['icon color.png (icons.color): is 100×100, must be 192×192']);
  });

  test('an outline icon on an opaque background', () => {
    const problems = checkIcon('outline', 'outline.png', solidPng(32, 32, [255, 255, 255, 255]));
    expect(problems).toEqual([
      'icon outline.png (icons.outline): the outline icon needs a transparent background (0 of 1024 pixels are transparent)',
    ]);
  });

  test('an outline icon that is not white', () => {
    const problems = checkIcon('outline', 'outline.png', outlineIn([0, 0, 0]));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^icon outline\.png \(icons\.outline\): the outline icon must be white; \d+ visible pixels are not$/);
  });

  test('an icon the package does not contain', async () => {
    const files = packageFiles(manifest());
    files.delete('outline.png');
    const { problems } = await validatePackageFiles(files, EXPECTED);
    expect(problems).toEqual(['icon outline.png (icons.outline): not found at the root of the package']);
  });

  test('a PUBLIC_URL host missing from validDomains', async () => {
    const m = { ...manifest(), validDomains: ['other.example.org'] };
    const { problems } = await validatePackageFiles(packageFiles(m), EXPECTED);
    expect(problems).toContain('manifest.json /validDomains: does not list the PUBLIC_URL host rounds.example.org');
    expect(problems).toContain(
      'manifest.json /configurableTabs/0/configurationUrl: host rounds.example.org is not listed in validDomains',
    );
  });

  test('a wildcard domain covers the host', () => {
    const m = { ...manifest(), validDomains: ['*.example.org'] };
    expect(checkRules(m, EXPECTED).problems).toEqual([]);
  });

  test('a tab page on a host that is not listed', () => {
    const m = manifest();
    m.staticTabs[0]!.contentUrl = 'https://elsewhere.example.net/tab';
    const { problems } = checkRules(m, EXPECTED);
    expect(problems).toEqual([
      'manifest.json /staticTabs/0/contentUrl: host elsewhere.example.net is not listed in validDomains',
    ]);
  });

  test('an http URL', () => {
    const m = manifest();
    m.staticTabs[0]!.websiteUrl = 'http://rounds.example.org/tab';
    const { problems } = checkRules(m, EXPECTED);
    expect(problems[0]).toBe(
      'manifest.json /staticTabs/0/websiteUrl: http://rounds.example.org/tab is not https (Teams loads tab pages over https only)',
    );
  });

  test('an App ID URI on another host than the tab', () => {
    const m = manifest();
    m.webApplicationInfo.resource = `api://other.example.org/${EXPECTED.aadClientId}`;
    const { problems } = checkRules(m, EXPECTED);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^manifest\.json \/webApplicationInfo\/resource: .* should be api:\/\/rounds\.example\.org\//);
  });

  test('an SSO client id that is not AAD_CLIENT_ID', () => {
    const m = manifest();
    m.webApplicationInfo.id = '99999999-2222-4333-8444-555555555555';
    const { problems } = checkRules(m, EXPECTED);
    expect(problems[0]).toMatch(/^manifest\.json \/webApplicationInfo\/id: 9{8}-.* is not AAD_CLIENT_ID 1{8}-/);
  });

  test('no webApplicationInfo although AAD_CLIENT_ID is set', () => {
    const m: Record<string, unknown> = manifest();
    delete m.webApplicationInfo;
    const { problems } = checkRules(m, EXPECTED);
    expect(problems).toEqual(['manifest.json /webApplicationInfo: missing, so Teams SSO cannot work']);
  });

  test('several mistakes at once are all listed', async () => {
    const m: Record<string, unknown> = { ...manifest(), validDomains: ['other.example.org'] };
    delete m.accentColor;
    const files = packageFiles(m, { color: solidPng(64, 64, [0, 0, 0, 255]) });
    const { problems } = await validatePackageFiles(files, EXPECTED);
    expect(problems.some((p) => p.includes("'accentColor'"))).toBe(true);
    expect(problems.some((p) => p.includes('64×64'))).toBe(true);
    expect(problems.some((p) => p.includes('/validDomains'))).toBe(true);
  });
});

describe('a package with a broken layout is refused', () => {
  test('manifest.json inside a folder', async () => {
    const files = packageFiles(manifest());
    files.set('appPackage/manifest.json', files.get('manifest.json')!);
    files.delete('manifest.json');
    const { problems } = await validatePackage(await zipPackage(files), EXPECTED);
    expect(problems).toEqual(['manifest.json is at appPackage/manifest.json: it must be at the root of the package']);
  });

  test('a manifest that is not JSON', async () => {
    const files = packageFiles(manifest());
    files.set('manifest.json', Buffer.from('{ "id": '));
    const { problems } = await validatePackageFiles(files, EXPECTED);
    expect(problems[0]).toMatch(/^manifest\.json: is not valid JSON/);
  });

  test('bytes that are not a zip', async () => {
    const { problems } = await validatePackage(Buffer.from('not a zip'), EXPECTED);
    expect(problems[0]).toMatch(/^the package is not a readable zip/);
  });

  test('a manifestVersion with no bundled schema', async () => {
    const m = { ...manifest(), manifestVersion: '9.99' };
    const { problems } = await validatePackageFiles(packageFiles(m), EXPECTED);
    expect(problems).toContain('manifest.json /manifestVersion: no bundled Microsoft schema for version "9.99"');
  });
});
