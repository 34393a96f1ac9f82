// Debian's Chromium driven by playwright-core (../../../shared/reference/toolchain.md S6, G6).
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const RESULTS = resolve(import.meta.dirname, '..', '..', '..', 'test-results');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The team (Microsoft 365 group ID) the fake host gives every channel: the server checks membership by it. */
export const HOST_TEAM_ID = '5f0c2a9e-3d4b-4c6a-9e8f-1a2b3c4d5e6f';

export interface HostOptions {
  frame?: 'settings' | 'content' | 'remove';
  user: string;
  theme?: 'default' | 'dark' | 'contrast';
  locale?: string;
  kind?: 'channel' | 'chat' | 'meeting' | 'personal';
  contextId?: string;
  entityId?: string;
  /** The Teams app id in the context (the host has a default). */
  appId?: string;
  /** A Teams deep link to a tab, opened as Teams would (its entity, subEntityId and channel or chat). */
  deepLink?: string;
  width?: number;
  height?: number;
  /** Playwright's clock, installed before the tab loads: time runs on its own, and `page.clock.fastForward` jumps it (to the next auto-refresh, say) instead of a test waiting it out. */
  clock?: boolean;
}

export interface HostPage {
  context: BrowserContext;
  page: Page;
  tab: Frame;
  errors: string[];
}

/** Opens the fake Teams host, which frames the tab; returns the tab's frame once teams-js is ready. */
export async function openInHost(browser: Browser, baseUrl: string, options: HostOptions): Promise<HostPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 860 },
    locale: options.locale ?? 'en-US',
  });
  // teams-js fetches its list of valid origins from Microsoft's CDN; offline, block it (toolchain.md G6).
  await context.route('https://res.cdn.office.net/**', (route) => route.abort());
  const page = await context.newPage();
  if (options.clock) await page.clock.install();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const query = new URLSearchParams({ frame: options.frame ?? 'content', ...stringValues(options) });
  await page.goto(`${baseUrl}/host.html?${query.toString()}`);
  const handle = await page.waitForSelector('iframe');
  const tab = await handle.contentFrame();
  if (!tab) throw new Error('the host did not frame the tab');
  return { context, page, tab, errors };
}

function stringValues(options: HostOptions): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ['user', 'theme', 'locale', 'kind', 'contextId', 'entityId', 'appId', 'deepLink'] as const) {
    const value = options[key];
    if (value) out[key] = value;
  }
  return out;
}

/** The teams-js calls the tab made, as the fake host recorded them. */
export function hostCalls(page: Page, func: string): Promise<unknown[][]> {
  return page.evaluate((name) => (window as unknown as { hostApi: { calls(f: string): unknown[][] } }).hostApi.calls(name), func);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(RESULTS, { recursive: true });
  // The tab's iframe fills the host's viewport, so the viewport is the whole picture.
  await Promise.all(page.frames().map(motionSettled));
  await page.screenshot({ path: join(RESULTS, `${name}.png`) });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** The frame's finite animations (entrance motions of dialogs, drawers, toasts) have ended (at most 2 s). */
function motionSettled(frame: Frame): Promise<unknown> {
  return frame.evaluate(() =>
    Promise.race([
      Promise.all(
        document
          .getAnimations()
          .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
          .map((a) => a.finished.catch(() => undefined)),
      ),
      new Promise((done) => setTimeout(done, 2_000)),
    ]),
  );
}

/** axe-core on the tab frame: only serious and critical violations count. */
export async function seriousViolations(tab: Frame): Promise<string[]> {
  // Let entrance motions (dialogs, drawers, toasts) end, so half-faded colours are not judged.
  await motionSettled(tab);
  const hasAxe = await tab.evaluate(() => 'axe' in window);
  if (!hasAxe) await tab.addScriptTag({ url: '/axe.min.js' });
  const violations = await tab.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: object, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    // Tabster's focus-trap sentinels (<i data-tabster-dummy tabindex=0 aria-hidden>) hand focus on at once;
    // Fluent UI's own a11y checks exclude them, as axe cannot know that.
    const result = await axe.run({ exclude: [['[data-tabster-dummy]']] }, { resultTypes: ['violations'] });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}
