import type { JSX } from 'react';
import { Field, Select } from '@fluentui/react-components';
import { useI18n } from '../../shared/i18n/I18nProvider';

const GENDERS = ['female', 'male', 'other', 'unknown'] as const;

/** FHIR administrative gender; empty means "any" in a search and "not given" in a manual entry. */
export function GenderSelect(props: {
  value: string;
  isSearch: boolean;
  onChange: (value: string) => void;
}): JSX.Element {
  const { t } = useI18n();
  return (
    <Field label={t('add.gender')}>
      <Select value={props.value} onChange={(_e, data) => props.onChange(data.value)}>
        <option value="">{t(props.isSearch ? 'add.genderAny' : 'add.genderNotGiven')}</option>
        {GENDERS.map((g) => (
          <option key={g} value={g}>
            {t(`gender.${g}`)}
          </option>
        ))}
      </Select>
    </Field>
  );
}
