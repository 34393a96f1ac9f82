import { useState, type FormEvent, type JSX } from 'react';
import { Body1, Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import type { ManualPatient } from '../../../server/wire/contract';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { useInitialFocus } from '../../shared/use-initial-focus';
import { GenderSelect } from './GenderSelect';

const useStyles = makeStyles({
  form: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(12rem, 1fr))',
    gap: tokens.spacingHorizontalM,
    alignItems: 'end',
  },
  intro: { gridColumn: '1 / -1' },
});

/** A patient the EHR does not know: only what is typed here is kept and shown. */
export function ManualEntryForm(props: { isBusy: boolean; onSubmit: (manual: ManualPatient) => void }): JSX.Element {
  const styles = useStyles();
  const { t } = useI18n();
  const nameRef = useInitialFocus<HTMLInputElement>();
  const [name, setName] = useState('');
  const [mrn, setMrn] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [gender, setGender] = useState('');
  const [location, setLocation] = useState('');
  const [error, setError] = useState<string>();

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!name.trim()) {
      setError(t('add.nameRequired'));
      return;
    }
    const optional = (value: string): string | undefined => value.trim() || undefined;
    props.onSubmit({
      name: name.trim(),
      mrn: optional(mrn),
      birthDate: optional(birthDate),
      gender: optional(gender),
      location: optional(location),
    });
  };

  return (
    <form className={styles.form} noValidate onSubmit={submit} aria-label={t('add.tabManual')}>
      <Body1 className={styles.intro}>{t('add.manualIntro')}</Body1>
      <Field label={t('add.name')} required validationMessage={error} validationState={error ? 'error' : 'none'}>
        <Input
          ref={nameRef}
          value={name}
          autoComplete="off"
          onChange={(_e, d) => {
            setName(d.value);
            setError(undefined);
          }}
        />
      </Field>
      <Field label={t('add.mrn')}>
        <Input value={mrn} autoComplete="off" onChange={(_e, d) => setMrn(d.value)} />
      </Field>
      <Field label={t('add.birthDate')}>
        <Input type="date" value={birthDate} onChange={(_e, d) => setBirthDate(d.value)} />
      </Field>
      <GenderSelect value={gender} isSearch={false} onChange={setGender} />
      <Field label={t('add.location')}>
        <Input value={location} autoComplete="off" onChange={(_e, d) => setLocation(d.value)} />
      </Field>
      <Button type="submit" appearance="primary" disabled={props.isBusy}>
        {t('add.addManual')}
      </Button>
    </form>
  );
}
