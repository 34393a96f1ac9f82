import { useEffect, type JSX } from 'react';
import { Body1, Title3, makeStyles, tokens } from '@fluentui/react-components';
import type { ContextKind } from '../../../server/wire/contract';
import { useI18n } from '../../shared/i18n/I18nProvider';
import type { ConfigHost } from './config-host';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '36rem' },
  heading: { margin: 0 },
});

/** Teams' removal page: removing the tab keeps the list, so there is nothing to confirm. */
export function RemovePage(props: { host: ConfigHost; contextKind: ContextKind }): JSX.Element {
  const styles = useStyles();
  const { t } = useI18n();
  const { host } = props;
  useEffect(() => {
    host.onRemove(() => Promise.resolve());
    host.setValidityState(true);
  }, [host]);
  return (
    <main className={styles.root}>
      <Title3 as="h1" className={styles.heading}>
        {t('remove.title')}
      </Title3>
      <Body1>{t('remove.body', { context: t(`context.${props.contextKind}`) })}</Body1>
    </main>
  );
}
