import { useState, type FormEvent, type JSX } from 'react';
import { Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { SearchRegular } from '@fluentui/react-icons';
import type { PatientCriteria } from '../../shared/rounds-api';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { useInitialFocus } from '../../shared/use-initial-focus';
import { useSharedStyles } from '../../shared/styles';
import { GenderSelect } from './GenderSelect';

const useStyles = makeStyles({
  form: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(10rem, 1fr))',
    gap: tokens.spacingHorizontalM,
    alignItems: 'end',
  },
});

/** Name, MRN, birth date and sex; at least one of the first three, so a search never lists everyone. */
export function SearchForm(props: { isBusy: boolean; onSearch: (criteria: PatientCriteria) => void }): JSX.Element {
  const styles = useStyles();
  const shared = useSharedStyles();
  const { t } = useI18n();
  const nameRef = useInitialFocus<HTMLInputElement>();
  const [name, setName] = useState('');
  const [mrn, setMrn] = useState('');
  const [birthdate, setBirthdate] = useState('');
  const [gender, setGender] = useState('');
  const [error, setError] = useState<string>();

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!name.trim() && !mrn.trim() && !birthdate) {
      setError(t('add.needCriterion'));
      return;
    }
    setError(undefined);
    props.onSearch({ name, mrn, birthdate, gender });
  };

  return (
    <form className={styles.form} noValidate onSubmit={submit} role="search" aria-label={t('add.tabSearch')}>
      <Field label={t('add.name')} validationMessage={error} validationState={error ? 'error' : 'none'}>
        <Input ref={nameRef} value={name} onChange={(_e, d) => setName(d.value)} autoComplete="off" />
      </Field>
      <Field label={t('add.mrn')}>
        <Input value={mrn} onChange={(_e, d) => setMrn(d.value)} autoComplete="off" />
      </Field>
      <Field label={t('add.birthDate')}>
        <Input type="date" value={birthdate} onChange={(_e, d) => setBirthdate(d.value)} />
      </Field>
      <GenderSelect value={gender} isSearch onChange={setGender} />
      <Button
        className={shared.touchTarget}
        type="submit"
        appearance="primary"
        icon={<SearchRegular />}
        disabled={props.isBusy}
      >
        {t('add.search')}
      </Button>
    </form>
  );
}
