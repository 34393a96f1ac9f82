import type { JSX } from 'react';
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { NoteEditRegular } from '@fluentui/react-icons';
import type { Note } from '../../../server/wire/contract';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { Section, useSectionStyles } from './Section';

const useStyles = makeStyles({
  text: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: 0 },
  button: { alignSelf: 'flex-start', marginTop: tokens.spacingVerticalXS },
});

export function NoteSection(props: { note?: Note; onEdit: () => void }): JSX.Element {
  const styles = useStyles();
  const section = useSectionStyles();
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <Section title={t('detail.note')}>
      {props.note?.text ? (
        <>
          <p className={styles.text}>{props.note.text}</p>
          <p className={section.secondary}>
            {t('detail.noteBy', { author: props.note.author, when: i18n.date(props.note.updatedAt) })}
          </p>
        </>
      ) : (
        <p className={section.quiet}>{t('detail.noNote')}</p>
      )}
      <Button className={styles.button} icon={<NoteEditRegular />} onClick={props.onEdit} data-note-edit>
        {t(props.note?.text ? 'detail.editNote' : 'detail.addNote')}
      </Button>
    </Section>
  );
}
