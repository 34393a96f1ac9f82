import { useState, type JSX } from 'react';
import { Body1, Button, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { ErrorNotice } from '../../shared/components/ErrorNotice';
import { errorText } from '../../shared/error-text';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { focusMainHeading } from '../../shared/use-focus-return';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '36rem' },
  heading: { margin: 0 },
  button: { alignSelf: 'flex-start' },
});

/** Outside Teams with Azure AD: one button that opens Microsoft's sign-in popup. */
export function AadSignIn(props: { signIn: () => Promise<void>; onSignedIn: () => void }): JSX.Element {
  const styles = useStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const [error, setError] = useState<unknown>();
  const [isBusy, setIsBusy] = useState(false);
  const start = (): void => {
    setIsBusy(true);
    setError(undefined);
    props.signIn().then(() => {
      props.onSignedIn();
      focusMainHeading();
    }, (failure: unknown) => {
      setIsBusy(false);
      setError(failure);
    });
  };
  return (
    <main className={styles.root}>
      <Title3 as="h1" className={styles.heading}>
        {t('signIn.title')}
      </Title3>
      <Body1>{t('signIn.aadIntro')}</Body1>
      {error !== undefined && <ErrorNotice message={t('signIn.failed', { reason: errorText(error, i18n) })} />}
      <Button className={styles.button} appearance="primary" disabled={isBusy} onClick={start}>
        {t('signIn.aadButton')}
      </Button>
    </main>
  );
}
