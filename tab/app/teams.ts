// The teams-js wrapper: the only file that talks to the Teams host (../../../shared/reference/teams-tab.md §2).
import { app, authentication, pages } from '@microsoft/teams-js';
import type { TabConfig } from '../features/config/config-host';

export type ThemeName = 'default' | 'dark' | 'contrast';
export type FrameKind = 'settings' | 'content' | 'remove';

/** What the tab needs from the Teams context. A UI hint only: the server authorizes by the token. */
export interface TeamsContext {
  frameContext: FrameKind;
  theme: ThemeName;
  locale?: string;
  /** The configured tab's entityId (our list id), or the static tab's entityId. */
  entityId?: string;
  channelId?: string;
  /**
   * The channel's team, as its Microsoft 365 group ID: `team.groupId` in a standard channel; absent in a
   * private channel and null in a shared one, where `channel.ownerGroupId` names the team that owns it.
   */
  teamId?: string;
  /** The chat, or in a meeting the meeting's own chat: the roster that decides who sees its lists. */
  chatId?: string;
  meetingId?: string;
  userObjectId?: string;
  tenantId?: string;
  hostClientType?: string;
  /** The place a Teams deep link opened the tab at: its context's subEntityId (shared/place.ts placeQuery). */
  subPageId?: string;
  /** The Teams app id (the manifest's id), for deep links to this tab. */
  appId?: string;
}

/** The Teams host, as the views use it. Component tests pass their own recording host. */
export interface TeamsHost {
  context: TeamsContext;
  getAuthToken: () => Promise<string>;
  onThemeChange: (handler: (theme: ThemeName) => void) => void;
  setValidityState: (isValid: boolean) => void;
  /** Registers the Save handler: success or failure is reported to Teams exactly once per save. */
  onSave: (handler: () => Promise<void>) => void;
  onRemove: (handler: () => Promise<void>) => void;
  setConfig: (config: TabConfig) => Promise<void>;
  notifySuccess: () => void;
  /** Teams' own back button (mobile): the handler returns true when it went back within the tab. */
  onBackButton?: (handler: () => boolean) => void;
}

export const TEAMS_INIT_TIMEOUT_MS = 8_000;

export function themeNameOf(value: string | undefined): ThemeName {
  if (value === 'dark') return 'dark';
  if (value === 'contrast') return 'contrast';
  return 'default'; // "default", "glass" and anything new
}

/**
 * The team of a channel as its Microsoft 365 group ID: `team.groupId` in a standard channel; in a private
 * channel it is absent and in a shared one null, and `channel.ownerGroupId` names the owning team.
 */
export function teamIdOf(ctx: Pick<app.Context, 'team' | 'channel'>): string | undefined {
  return ctx.team?.groupId || ctx.channel?.ownerGroupId || undefined;
}

function frameKindOf(value: string | undefined): FrameKind {
  if (value === 'settings') return 'settings';
  if (value === 'remove') return 'remove';
  return 'content';
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Teams did not answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

const CONSENT_ERRORS = /resourceRequiresConsent|tokenRevoked/i;

/** getAuthToken on every call (Teams caches it); once more, non-silently, when consent is needed. */
async function getTeamsToken(): Promise<string> {
  try {
    return await authentication.getAuthToken();
  } catch (error) {
    if (error instanceof Error && CONSENT_ERRORS.test(error.message)) {
      return authentication.getAuthToken({ silent: false });
    }
    throw error;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Connects to Teams. Resolves `undefined` outside Teams: at top level initialize() rejects at once,
 * and under a parent that never answers our own timeout stops the 60 s wait of the SDK.
 */
export async function connectToTeams(timeoutMs = TEAMS_INIT_TIMEOUT_MS): Promise<TeamsHost | undefined> {
  if (window.parent === window) return undefined;
  try {
    await withTimeout(app.initialize(), timeoutMs);
    const ctx = await withTimeout(app.getContext(), timeoutMs);
    const context: TeamsContext = {
      frameContext: frameKindOf(ctx.page.frameContext),
      theme: themeNameOf(ctx.app.theme),
      locale: ctx.app.locale,
      entityId: ctx.page.id || undefined,
      channelId: ctx.channel?.id,
      teamId: teamIdOf(ctx),
      chatId: ctx.chat?.id,
      meetingId: ctx.meeting?.id,
      userObjectId: ctx.user?.id || undefined,
      tenantId: ctx.user?.tenant?.id,
      hostClientType: ctx.app.host.clientType,
      subPageId: ctx.page.subPageId || undefined,
      appId: ctx.app.appId?.toString() || undefined,
    };
    return createTeamsHost(context);
  } catch (error) {
    console.warn(`Rounds runs outside Teams: ${errorText(error)}`);
    return undefined;
  }
}

function createTeamsHost(context: TeamsContext): TeamsHost {
  return {
    context,
    getAuthToken: getTeamsToken,
    onThemeChange: (handler) => app.registerOnThemeChangeHandler((theme) => handler(themeNameOf(theme))),
    setValidityState: (isValid) => pages.config.setValidityState(isValid),
    onSave: (handler) =>
      pages.config.registerOnSaveHandler((event) => {
        handler().then(
          () => event.notifySuccess(),
          (error: unknown) => event.notifyFailure(errorText(error)),
        );
      }),
    onRemove: (handler) =>
      pages.config.registerOnRemoveHandler((event) => {
        handler().then(
          () => event.notifySuccess(),
          (error: unknown) => event.notifyFailure(errorText(error)),
        );
      }),
    setConfig: (config) => pages.config.setConfig(config),
    notifySuccess: () => {
      void app.notifySuccess();
    },
    onBackButton: (handler) => {
      // A host without a back stack (Teams web and desktop) has only the browser's Back, which popstate handles.
      if (pages.backStack.isSupported()) pages.backStack.registerBackButtonHandler(handler);
    },
  };
}
