import { useState, type FormEvent, type JSX } from 'react';
import { Body1, Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import type { ManualPatient } from '../../../server/wire/contract';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { MANUAL_MAX } from '../../shared/limits';
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

type LimitedField = keyof typeof MANUAL_MAX;

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

  const labels: Record<LimitedField, string> = { name: t('add.name'), mrn: t('add.mrn'), location: t('add.location') };
  // The server trims, then counts: so does the form, and it says the limit, never the value typed.
  const tooLong = (field: LimitedField, value: string): string | undefined =>
    value.trim().length > MANUAL_MAX[field] ? t('add.tooLong', { field: labels[field], max: MANUAL_MAX[field] }) : undefined;
  const problems = { name: tooLong('name', name), mrn: tooLong('mrn', mrn), location: tooLong('location', location) };
  const hasProblem = Object.values(problems).some(Boolean);
  const nameMessage = problems.name ?? error;

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!name.trim()) {
      setError(t('add.nameRequired'));
      return;
    }
    if (hasProblem) return;
    const optional = (value: string): string | undefined => value.trim() || undefined;
    props.onSubmit({
      name: name.trim(),
      mrn: optional(mrn),
      birthDate: optional(birthDate),
      gender: optional(gender),
      location: optional(location),
    });
  };

  /** The live count appears from 80 % of the limit, so a long entry is seen coming. */
  const hint = (field: LimitedField, value: string): string | undefined =>
    value.trim().length >= MANUAL_MAX[field] * 0.8 && !problems[field]
      ? t('add.charCount', { count: value.trim().length, max: MANUAL_MAX[field] })
      : undefined;

  return (
    <form className={styles.form} noValidate onSubmit={submit} aria-label={t('add.tabManual')}>
      <Body1 className={styles.intro}>{t('add.manualIntro')}</Body1>
      <Field
        label={t('add.name')}
        required
        validationMessage={nameMessage}
        validationState={nameMessage ? 'error' : 'none'}
        hint={hint('name', name)}
      >
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
      <Field
        label={t('add.mrn')}
        validationMessage={problems.mrn}
        validationState={problems.mrn ? 'error' : 'none'}
        hint={hint('mrn', mrn)}
      >
        <Input value={mrn} autoComplete="off" onChange={(_e, d) => setMrn(d.value)} />
      </Field>
      <Field label={t('add.birthDate')}>
        <Input type="date" value={birthDate} onChange={(_e, d) => setBirthDate(d.value)} />
      </Field>
      <GenderSelect value={gender} isSearch={false} onChange={setGender} />
      <Field
        label={t('add.location')}
        validationMessage={problems.location}
        validationState={problems.location ? 'error' : 'none'}
        hint={hint('location', location)}
      >
        <Input value={location} autoComplete="off" onChange={(_e, d) => setLocation(d.value)} />
      </Field>
      <Button type="submit" appearance="primary" disabled={props.isBusy || hasProblem}>
        {t('add.addManual')}
      </Button>
    </form>
  );
}
