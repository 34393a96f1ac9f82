// The app: theme and language from Teams (or the browser), sign-in, and the routes. The only place
// features meet: they are loaded lazily (lazy-features.ts) and handed to each other as slots.
import { Suspense, useCallback, useEffect, useMemo, type JSX } from 'react';
import {
  FluentProvider,
  MessageBar,
  MessageBarBody,
  Spinner,
  makeStaticStyles,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ApiProvider } from '../shared/api-context';
import { ErrorNotice } from '../shared/components/ErrorNotice';
import { errorText } from '../shared/error-text';
import { I18nProvider, useI18n } from '../shared/i18n/I18nProvider';
import { normalizeLocale } from '../shared/i18n/translate';
import type { Place } from '../shared/place';
import { useSharedStyles } from '../shared/styles';
import { AppToaster } from '../shared/toast';
import { AppChrome } from './AppChrome';
import { AadSignIn, ConfigPage, DemoSignIn, LIST_SLOTS, ListsView, RemovePage } from './lazy-features';
import { shareLinkOf } from './deep-link';
import { initialPlaceOf, listContextOf, routeOf } from './route';
import type { TeamsHost } from './teams';
import { isOwnHistoryEntry, useHistoryPlace } from './use-history-place';
import { useBoot, type BootState } from './use-boot';
import { useSession } from './use-session';
import { THEMES, useThemeName } from './use-theme';
import { QueryClientProvider } from '@tanstack/react-query';
import { createQueryClient } from './query-client';

// The tab fills its Teams frame edge to edge.
const useGlobalStyles = makeStaticStyles({ body: { margin: 0 } });

const useStyles = makeStyles({
  root: {
    minHeight: '100vh',
    backgroundColor: tokens.colorNeutralBackground2,
    '@media print': { backgroundColor: 'transparent' },
  },
  loading: { padding: tokens.spacingVerticalXXXL },
});

function Loading(): JSX.Element {
  const styles = useStyles();
  const { t } = useI18n();
  return <Spinner className={styles.loading} label={t('app.loading')} />;
}

function Routes(props: { boot: Extract<BootState, { status: 'ready' }> }): JSX.Element {
  const shared = useSharedStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const { teams } = props.boot;
  const session = useSession(props.boot);
  const route = routeOf(teams?.context, window.location.pathname);
  const userId = session.status === 'ready' ? session.me.userId : '';
  const context = useMemo(() => listContextOf(teams?.context, userId), [teams, userId]);
  // Where the lists view opens (a reload, a link, a Teams deep link), and the history that Back walks.
  const initial = useMemo(() => initialPlaceOf(teams?.context, window.location.search, isOwnHistoryEntry()), [teams]);
  const linkTo = useCallback(
    (place: Place) => shareLinkOf(teams?.context, `${window.location.origin}/tab`, place),
    [teams],
  );
  const navigator = useHistoryPlace(initial.place, linkTo, route === 'lists');
  useEffect(() => {
    if (route === 'lists') teams?.onBackButton?.(navigator.back);
  }, [teams, route, navigator.back]);

  useEffect(() => {
    if (session.status === 'ready' || session.status === 'failed') teams?.notifySuccess();
  }, [teams, session.status]);

  if (route !== 'lists' && !teams) {
    return (
      <main className={shared.page}>
        <MessageBar intent="info">
          <MessageBarBody>{t('config.outsideTeams')}</MessageBarBody>
        </MessageBar>
      </main>
    );
  }
  if (session.status === 'starting') return <Loading />;
  if (session.status === 'failed') {
    return (
      <main className={shared.page}>
        <ErrorNotice message={t('app.startFailed', { reason: errorText(session.error, i18n) })} onRetry={session.refresh} />
      </main>
    );
  }
  if (session.status === 'signed-out') {
    return (
      <>
        <AppChrome isDemo={props.boot.config.isDemo} />
        <div className={shared.page}>
          <Suspense fallback={<Loading />}>
            {session.mode === 'demo' && <DemoSignIn onSignedIn={session.refresh} />}
            {session.mode === 'aad' && session.signIn && <AadSignIn signIn={session.signIn} onSignedIn={session.refresh} />}
            {session.mode === 'none' && (
              <main>
                <ErrorNotice message={t('signIn.notConfigured')} />
              </main>
            )}
          </Suspense>
        </div>
      </>
    );
  }

  return (
    <ApiProvider api={session.api}>
      <AppChrome
        isDemo={session.isDemo}
        userName={teams ? undefined : session.me.name}
        onSignOut={teams ? undefined : session.signOut}
      />
      <div className={shared.page}>
        <Suspense fallback={<Loading />}>
          {route === 'config' && teams && <ConfigPage host={teams} context={context} origin={window.location.origin} />}
          {route === 'remove' && teams && <RemovePage host={teams} contextKind={context.kind} />}
          {route === 'lists' && (
            <ListsView
              context={context}
              initialListId={initial.place.listId}
              isInitialFromLink={initial.isFromLink}
              navigator={navigator}
              slots={LIST_SLOTS}
              autoRefreshMs={props.boot.config.autoRefreshSeconds * 1000}
              userId={userId}
            />
          )}
        </Suspense>
      </div>
    </ApiProvider>
  );
}

function Main(props: { boot: BootState; retry: () => void }): JSX.Element {
  const shared = useSharedStyles();
  const i18n = useI18n();
  if (props.boot.status === 'loading') return <Loading />;
  if (props.boot.status === 'failed') {
    return (
      <main className={shared.page}>
        <ErrorNotice
          message={i18n.t('app.startFailed', { reason: errorText(props.boot.error, i18n) })}
          onRetry={props.retry}
        />
      </main>
    );
  }
  return <Routes boot={props.boot} />;
}

function Shell(): JSX.Element {
  useGlobalStyles();
  const styles = useStyles();
  const { state: boot, retry } = useBoot();
  const teams: TeamsHost | undefined = boot.status === 'ready' ? boot.teams : undefined;
  const theme = useThemeName(teams, boot.status === 'ready');
  const locale = teams?.context.locale ?? navigator.language;

  useEffect(() => {
    document.documentElement.lang = normalizeLocale(locale);
  }, [locale]);

  return (
    // No layout class on the provider itself: Fluent copies its classes onto portal nodes (dialogs,
    // toasts), and a full-height background there would cover the page.
    <FluentProvider theme={THEMES[theme]}>
      <div className={styles.root}>
        <I18nProvider locale={locale}>
          <AppToaster />
          <Main boot={boot} retry={retry} />
        </I18nProvider>
      </div>
    </FluentProvider>
  );
}

/** The tab's one cache of server state (query-client.ts). */
const queryClient = createQueryClient();

export function App(): JSX.Element {
  return (
    <QueryClientProvider client={queryClient}>
      <Shell />
    </QueryClientProvider>
  );
}
