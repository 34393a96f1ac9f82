import { useEffect, useEffectEvent, useState, type JSX } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Body1,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Option,
  Radio,
  RadioGroup,
  Spinner,
  Title3,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { ListContext } from '../../../server/wire/contract';
import { useApi } from '../../shared/api-context';
import { ErrorNotice } from '../../shared/components/ErrorNotice';
import { errorText } from '../../shared/error-text';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { queryKeys } from '../../shared/query-keys';
import { createList, getLists } from '../../shared/rounds-api';
import { MAX_LIST_NAME } from '../../shared/limits';
import { tabConfigFor, type ConfigHost } from './config-host';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '36rem' },
  heading: { margin: 0 },
});

type Mode = 'existing' | 'new';

export function isConfigValid(mode: Mode, selectedId: string | undefined, name: string): boolean {
  if (mode === 'existing') return Boolean(selectedId);
  const trimmed = name.trim();
  return trimmed.length > 0 && trimmed.length <= MAX_LIST_NAME;
}

/** Teams' configuration page: pick a list of this context or name a new one; Save adds the tab. */
export function ConfigPage(props: { host: ConfigHost; context: ListContext; origin: string }): JSX.Element {
  const styles = useStyles();
  const api = useApi();
  const i18n = useI18n();
  const { t } = i18n;
  const { host, context, origin } = props;
  // Read once for the page (Try again reads again): lists appearing meanwhile must not flip a choice being made.
  const listsQuery = useQuery({
    queryKey: queryKeys.contextLists(context),
    queryFn: () => getLists(api, context),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  const lists = listsQuery.data;
  const loadError = listsQuery.isError ? listsQuery.error : undefined;
  // Until the user chooses: an existing list when there is one, and the only one preselected so Save is one click.
  const [chosenMode, setMode] = useState<Mode>();
  const [chosenId, setSelectedId] = useState<string>();
  const [name, setName] = useState('');
  const [saveError, setSaveError] = useState<string>();
  const mode: Mode = chosenMode ?? (lists && lists.length > 0 ? 'existing' : 'new');
  const selectedId = chosenId ?? (lists?.length === 1 ? lists[0]?.id : undefined);
  const contextLabel = t(`context.${context.kind}`);
  const isValid = lists !== undefined && isConfigValid(mode, selectedId, name);

  useEffect(() => {
    host.setValidityState(isValid);
  }, [host, isValid]);

  // Teams keeps the first Save handler registered: it calls an effect event, which always sees the latest form.
  const save = useEffectEvent(async (): Promise<void> => {
    setSaveError(undefined);
    try {
      const list = mode === 'existing' ? lists?.find((l) => l.id === selectedId) : await createList(api, name.trim(), context);
      if (!list) throw new Error(t('config.existingPlaceholder'));
      await host.setConfig(tabConfigFor(origin, list.id, list.name));
    } catch (error) {
      const message = t('config.saveFailed', { reason: errorText(error, i18n) });
      setSaveError(message);
      throw new Error(message, { cause: error });
    }
  });
  useEffect(() => {
    host.onSave(() => save());
  }, [host]);

  const tooLong = name.trim().length > MAX_LIST_NAME;

  return (
    <main className={styles.root}>
      <Title3 as="h1" className={styles.heading}>
        {t('config.title')}
      </Title3>
      <Body1>{t('config.intro', { context: contextLabel })}</Body1>
      {loadError !== undefined ? (
        <ErrorNotice
          message={t('config.loadFailed', { reason: errorText(loadError, i18n) })}
          onRetry={() => void listsQuery.refetch()}
        />
      ) : lists === undefined ? (
        <Spinner size="small" label={t('config.loadingLists', { context: contextLabel })} />
      ) : (
        <>
          <Field label={t('config.choice')}>
            <RadioGroup value={mode} onChange={(_e, data) => setMode(data.value === 'existing' ? 'existing' : 'new')}>
              <Radio value="existing" label={t('config.useExisting')} disabled={lists.length === 0} />
              <Radio value="new" label={t('config.createNew')} />
            </RadioGroup>
          </Field>
          {mode === 'existing' ? (
            <Field label={t('config.existingLabel')} required>
              <Dropdown
                placeholder={t('config.existingPlaceholder')}
                selectedOptions={selectedId ? [selectedId] : []}
                value={lists.find((l) => l.id === selectedId)?.name ?? ''}
                onOptionSelect={(_e, data) => setSelectedId(data.optionValue)}
              >
                {lists.map((list) => (
                  <Option key={list.id} value={list.id} text={list.name}>
                    {list.name}
                  </Option>
                ))}
              </Dropdown>
            </Field>
          ) : (
            <Field
              label={t('config.newLabel')}
              required
              hint={lists.length === 0 ? t('config.noLists') : undefined}
              validationState={tooLong ? 'error' : 'none'}
              validationMessage={tooLong ? t('config.nameTooLong', { max: MAX_LIST_NAME }) : undefined}
            >
              <Input
                value={name}
                placeholder={t('config.newPlaceholder')}
                onChange={(_e, data) => setName(data.value)}
              />
            </Field>
          )}
          {isValid && !saveError && (
            <MessageBar intent="info">
              <MessageBarBody>{t('config.ready')}</MessageBarBody>
            </MessageBar>
          )}
          {saveError && <ErrorNotice message={saveError} />}
        </>
      )}
    </main>
  );
}
