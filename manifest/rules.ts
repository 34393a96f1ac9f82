// Our own checks on top of Microsoft's schema (teams-tab.md §1, §3, §7): https everywhere, every host the
// tab loads from in validDomains, and SSO wired to the same host as the tab. The manifest may be anything a
// zip held, so every read here is defensive.

export interface Expectations {
  /** PUBLIC_URL: where the tab is served. */
  publicUrl: string;
  /** AAD_CLIENT_ID; without it there is no Teams SSO (demo mode signs in with its own identity). */
  aadClientId?: string;
  /** AAD_APP_ID_URI, when the server is told to accept it as a token audience. */
  appIdUri?: string;
  /** Accept http URLs (a local try of the demo); they are reported as warnings instead. */
  allowHttp: boolean;
}

export interface Findings {
  problems: string[];
  warnings: string[];
}

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Every string in the manifest that looks like a web URL, with the JSON pointer of its field. */
function webUrls(value: unknown, pointer = ''): { pointer: string; url: string }[] {
  if (typeof value === 'string') return /^https?:\/\//i.test(value) ? [{ pointer, url: value }] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => webUrls(item, `${pointer}/${i}`));
  const record = asRecord(value);
  if (!record) return [];
  return Object.entries(record)
    .filter(([key]) => key !== '$schema')
    .flatMap(([key, item]) => webUrls(item, `${pointer}/${key}`));
}

/** The pages Teams loads in its frame. */
function tabUrls(manifest: Record<string, unknown>): { pointer: string; url: string }[] {
  const urls: { pointer: string; url: string }[] = [];
  asArray(manifest.configurableTabs).forEach((tab, i) => {
    const url = asString(asRecord(tab)?.configurationUrl);
    if (url) urls.push({ pointer: `/configurableTabs/${i}/configurationUrl`, url });
  });
  asArray(manifest.staticTabs).forEach((tab, i) => {
    for (const key of ['contentUrl', 'websiteUrl'] as const) {
      const url = asString(asRecord(tab)?.[key]);
      if (url) urls.push({ pointer: `/staticTabs/${i}/${key}`, url });
    }
  });
  return urls;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return undefined;
  }
}

/** validDomains entries are hosts, optionally `*.example.com`. */
function isDomainListed(host: string, validDomains: string[]): boolean {
  return validDomains.some((entry) => {
    const domain = entry.toLowerCase();
    if (domain.startsWith('*.')) return host.endsWith(domain.slice(1));
    return host === domain;
  });
}

function checkHttps(manifest: Record<string, unknown>, expected: Expectations, findings: Findings): void {
  const insecure = webUrls(manifest).filter(({ url }) => !url.toLowerCase().startsWith('https://'));
  if (insecure.length === 0) return;
  if (expected.allowHttp) {
    findings.warnings.push(
      `${insecure.length} URLs are http, accepted because of --allow-http: Teams itself loads tab pages over https ` +
        'only, so this package is for local tries (e.g. behind an https tunnel), not for users',
    );
    return;
  }
  for (const { pointer, url } of insecure)
    findings.problems.push(`manifest.json ${pointer}: ${url} is not https (Teams loads tab pages over https only)`);
  findings.problems.push(
    `PUBLIC_URL ${expected.publicUrl}: serve Rounds over https, or pass --allow-http for a local try of the demo`,
  );
}

function checkDomains(manifest: Record<string, unknown>, publicHost: string, findings: Findings): void {
  const validDomains = asArray(manifest.validDomains).filter((d): d is string => typeof d === 'string');
  if (!isDomainListed(publicHost, validDomains))
    findings.problems.push(`manifest.json /validDomains: does not list the PUBLIC_URL host ${publicHost}`);
  for (const { pointer, url } of tabUrls(manifest)) {
    const host = hostOf(url);
    if (!host) findings.problems.push(`manifest.json ${pointer}: ${url} is not a valid URL`);
    else if (!isDomainListed(host, validDomains))
      findings.problems.push(`manifest.json ${pointer}: host ${host} is not listed in validDomains`);
  }
}

function checkSso(
  manifest: Record<string, unknown>,
  publicHost: string,
  expected: Expectations,
  findings: Findings,
): void {
  const info = asRecord(manifest.webApplicationInfo);
  if (!expected.aadClientId) {
    if (!info)
      findings.warnings.push('Teams SSO is off: AAD_CLIENT_ID is not set, so the tab signs in with the demo identity');
    return;
  }
  if (!info) {
    findings.problems.push('manifest.json /webApplicationInfo: missing, so Teams SSO cannot work');
    return;
  }
  const expectedResource = `api://${publicHost}/${expected.aadClientId}`;
  if (info.id !== expected.aadClientId)
    findings.problems.push(
      `manifest.json /webApplicationInfo/id: ${String(info.id)} is not AAD_CLIENT_ID ${expected.aadClientId}`,
    );
  if (info.resource !== expectedResource)
    findings.problems.push(
      `manifest.json /webApplicationInfo/resource: ${String(info.resource)} should be ${expectedResource} ` +
        '(the App ID URI must name the host the tab is served from)',
    );
  if (expected.appIdUri && expected.appIdUri !== expectedResource)
    findings.problems.push(
      `AAD_APP_ID_URI ${expected.appIdUri} differs from webApplicationInfo.resource ${expectedResource}: ` +
        'Teams would ask for tokens the server does not accept',
    );
}

/** https, validDomains and SSO checks; problems fail the package, warnings are printed only. */
export function checkRules(manifest: Record<string, unknown>, expected: Expectations): Findings {
  const findings: Findings = { problems: [], warnings: [] };
  const publicHost = hostOf(expected.publicUrl);
  if (!publicHost) {
    findings.problems.push(`PUBLIC_URL ${expected.publicUrl} is not a valid URL`);
    return findings;
  }
  checkHttps(manifest, expected, findings);
  checkDomains(manifest, publicHost, findings);
  checkSso(manifest, publicHost, expected, findings);
  return findings;
}
