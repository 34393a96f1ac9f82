import { useRef, useState, type JSX } from 'react';
import { Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { LinkRegular } from '@fluentui/react-icons';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { useNotify } from '../../shared/toast';
import { focusWhenReady } from '../../shared/use-focus-return';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalS },
  field: { alignSelf: 'stretch' },
});

/**
 * "Copy link to this patient": the link goes to the clipboard with a "Link copied" toast. Where the clipboard is
 * unavailable (an older browser, a frame without clipboard-write, a refused permission) the link is shown in a
 * read-only field, focused and selected, for the user to copy.
 */
export function CopyPatientLink(props: { link: string }): JSX.Element {
  const styles = useStyles();
  const { t } = useI18n();
  const notify = useNotify();
  const [isFieldShown, setFieldShown] = useState(false);
  const fieldRef = useRef<HTMLInputElement>(null);

  const copy = async (): Promise<void> => {
    try {
      // Absent outside a secure context, whatever the types say.
      const clipboard = navigator.clipboard as Clipboard | undefined;
      if (!clipboard) throw new Error('no clipboard');
      await clipboard.writeText(props.link);
      setFieldShown(false);
      notify(t('detail.linkCopied'));
    } catch {
      setFieldShown(true);
      focusWhenReady(() => fieldRef.current);
    }
  };

  return (
    <div className={styles.root}>
      <Button icon={<LinkRegular />} onClick={() => void copy()}>
        {t('detail.copyLink')}
      </Button>
      {isFieldShown && (
        <Field className={styles.field} label={t('detail.linkField')} hint={t('detail.copyUnavailable')}>
          <Input ref={fieldRef} readOnly value={props.link} onFocus={(event) => event.currentTarget.select()} />
        </Field>
      )}
    </div>
  );
}
