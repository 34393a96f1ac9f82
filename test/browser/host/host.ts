// A fake Teams host for the browser tests (../../../shared/reference/teams-tab.md §5): it iframes the
// tab from the same origin, answers the teams-js wire protocol and records every call in `hostLog`.
// Query: frame=settings|content|remove, user=<demo user id>, theme, locale, kind=channel|chat|meeting|personal,
// contextId, entityId, subEntityId, appId; or deepLink=<a Teams deep link to a tab>, opened as Teams would: its
// entityId, its context's subEntityId (the tab's page.subPageId) and its channel or chat. The test support
// transpiles this file to /host.js (a module script).

interface WireMessage {
  id?: number;
  uuidAsString?: string;
  func?: unknown;
  args?: unknown[];
}

interface DemoSignIn {
  token: string;
  user: { userId: string; tenantId: string; username: string };
}

export interface HostApi {
  save: () => void;
  remove: () => void;
  setTheme: (theme: string) => void;
  /** Teams' own back button (as on mobile): the tab's handler goes back within it, or Teams navigates back. */
  pressBack: () => void;
  calls: (func: string) => unknown[][];
}

/** The Teams app id the host gives the tab (the manifest's id), unless the query names another. */
const HOST_APP_ID = '8d4a3c2b-7e6f-4a1b-9c0d-2e3f4a5b6c7d';

interface OpenedLink {
  appId: string;
  entityId: string;
  subEntityId: string;
  kind: 'channel' | 'chat' | 'personal';
  contextId?: string;
}

/** `https://teams.microsoft.com/l/entity/<appId>/<entityId>?context={"subEntityId","channelId"|"chatId"}`. */
function parseDeepLink(link: string | null): OpenedLink | undefined {
  if (!link) return undefined;
  const url = new URL(link);
  const [, l, entity, appId, entityId] = url.pathname.split('/');
  if (url.hostname !== 'teams.microsoft.com' || l !== 'l' || entity !== 'entity' || !appId || !entityId) {
    throw new Error(`not a Teams deep link to a tab: ${link}`);
  }
  const context = JSON.parse(url.searchParams.get('context') || '{}') as { subEntityId?: string; channelId?: string; chatId?: string };
  return {
    appId: decodeURIComponent(appId),
    entityId: decodeURIComponent(entityId),
    subEntityId: context.subEntityId ?? '',
    kind: context.channelId ? 'channel' : context.chatId ? 'chat' : 'personal',
    contextId: context.channelId ?? context.chatId,
  };
}

{
  const params = new URLSearchParams(location.search);
  const link = parseDeepLink(params.get('deepLink'));
  const frame = params.get('frame') || 'content';
  const userId = params.get('user') || '';
  const kind = link?.kind ?? (params.get('kind') || 'channel');
  const contextId = link?.contextId ?? (params.get('contextId') || '19:rounds-demo@thread.tacv2');
  const appId = link?.appId ?? (params.get('appId') || HOST_APP_ID);
  const subEntityId = link?.subEntityId ?? (params.get('subEntityId') || '');
  const state = {
    theme: params.get('theme') || 'default',
    settings: { entityId: link?.entityId ?? (params.get('entityId') || ''), contentUrl: '', websiteUrl: '', suggestedDisplayName: '' },
  };
  const hostLog: { func: string; args: unknown[] }[] = [];

  const runtime = {
    apiVersion: 4,
    supports: {
      app: {},
      appInitialization: {},
      authentication: {},
      pages: { appButton: {}, backStack: {}, config: {}, currentApp: {}, tabs: {} },
      teamsCore: {},
      dialog: { url: {} },
    },
  };

  let tokenPromise: Promise<DemoSignIn> | undefined;
  const demoToken = (): Promise<DemoSignIn> => {
    tokenPromise ??= fetch('/api/demo/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId }),
    }).then((r) => r.json() as Promise<DemoSignIn>);
    return tokenPromise;
  };

  const legacyContext = (user: DemoSignIn['user']): Record<string, string> => {
    const context: Record<string, string> = {
      locale: params.get('locale') || 'en-us',
      theme: state.theme,
      frameContext: frame,
      hostClientType: 'web',
      hostName: 'Teams',
      tid: user.tenantId,
      userObjectId: user.userId,
      userPrincipalName: user.username,
      loginHint: user.username,
      entityId: state.settings.entityId || (kind === 'personal' ? 'rounds-personal' : ''),
      appId,
    };
    if (subEntityId) context.subEntityId = subEntityId;
    if (kind === 'channel')
      Object.assign(context, {
        channelId: contextId,
        teamId: '19:team@thread.tacv2',
        groupId: params.get('groupId') || '5f0c2a9e-3d4b-4c6a-9e8f-1a2b3c4d5e6f',
        channelName: 'Ward 4',
      });
    if (kind === 'chat') context.chatId = contextId;
    if (kind === 'meeting') Object.assign(context, { meetingId: contextId, chatId: '19:meeting-chat@thread.v2' });
    return context;
  };

  const iframe = document.createElement('iframe');
  iframe.title = 'Rounds tab';
  iframe.src = frame === 'settings' ? '/config' : frame === 'remove' ? '/remove' : '/tab';
  document.body.appendChild(iframe);

  const send = (func: string, args: unknown[] = []): void => {
    iframe.contentWindow?.postMessage({ func, args }, location.origin);
  };

  window.addEventListener('message', (event: MessageEvent<WireMessage | null>) => {
    const source = event.source as Window | null;
    if (!source || source !== iframe.contentWindow) return;
    const message = event.data;
    if (!message || typeof message.func !== 'string') return;
    hostLog.push({ func: message.func, args: message.args ?? [] });
    const reply = (args: unknown[]): void =>
      source.postMessage({ id: message.id, uuidAsString: message.uuidAsString, args }, event.origin);
    switch (message.func) {
      case 'initialize':
        reply([frame, 'web', JSON.stringify(runtime), '2.58.0']);
        break;
      case 'getContext':
        void demoToken().then((signIn) => reply([legacyContext(signIn.user)]));
        break;
      case 'authentication.getAuthToken':
        void demoToken().then((signIn) => reply([true, signIn.token]));
        break;
      case 'settings.setSettings':
        state.settings = message.args?.[0] as typeof state.settings;
        reply([true]);
        break;
      case 'settings.getSettings':
        reply([state.settings]);
        break;
      case 'navigateBack':
        // The tab had nothing to go back to: Teams would leave it (recorded for the test, which sees the call).
        reply([true]);
        break;
      default:
        // One-way messages (setValidityState, registerHandler, appInitialization.*) get no answer.
        break;
    }
  });

  // What a test can do as "Teams": press Save, or switch the theme.
  const hostApi: HostApi = {
    save: () => send('settings.save', [{}]),
    remove: () => send('settings.remove', []),
    setTheme: (theme) => {
      state.theme = theme;
      send('themeChange', [theme]);
    },
    pressBack: () => send('backButtonPress', []),
    calls: (func) => hostLog.filter((c) => c.func === func).map((c) => c.args),
  };
  Object.assign(window, { hostApi });
}
