import type { JSX } from 'react';
import { Badge, Button, Caption1, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useI18n } from '../shared/i18n/I18nProvider';
import { useSharedStyles } from '../shared/styles';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXL}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    '@media (max-width: 40rem)': { padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}` },
  },
  demo: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    flexGrow: 1,
  },
  badge: { flexShrink: 0, whiteSpace: 'nowrap' },
  user: { color: tokens.colorNeutralForeground2 },
});

/** The strip above the views: the "Demo data" banner, and who is signed in outside Teams. */
export function AppChrome(props: { isDemo: boolean; userName?: string; onSignOut?: () => void }): JSX.Element | null {
  const styles = useStyles();
  const shared = useSharedStyles();
  const { t } = useI18n();
  if (!props.isDemo && !props.onSignOut) return null;
  return (
    <header className={mergeClasses(styles.root, shared.noPrint)}>
      <div className={styles.demo} role={props.isDemo ? 'note' : undefined}>
        {props.isDemo && (
          <>
            <Badge className={styles.badge} appearance="filled" color="warning" shape="rounded">
              {t('app.demoBadge')}
            </Badge>
            <Caption1>{t('app.demoBanner')}</Caption1>
          </>
        )}
      </div>
      {props.userName && props.onSignOut && (
        <>
          <Caption1 className={styles.user}>{t('app.signedInAs', { name: props.userName })}</Caption1>
          <Button className={shared.touchTarget} size="small" onClick={props.onSignOut}>
            {t('app.signOut')}
          </Button>
        </>
      )}
    </header>
  );
}
