import type { JSX } from 'react';
import { Caption1 } from '@fluentui/react-components';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { useNow } from '../../shared/use-now';
import { useSharedStyles } from '../../shared/styles';

/** "Updated 3 minutes ago", counted from its own mount: keyed by the fetch time, a new fetch starts it again at "now". */
function Ago(props: { fetchedAt: string }): JSX.Element {
  const i18n = useI18n();
  const now = useNow(30_000);
  return <time dateTime={props.fetchedAt}>{i18n.t('list.updatedAgo', { ago: i18n.ago(props.fetchedAt, now) })}</time>;
}

/**
 * "Updated 3 minutes ago", kept current every 30 s. The ticking text is not a live region (a screen reader
 * would repeat it every minute); a hidden one speaks only when a refresh brings a new fetch time.
 */
export function UpdatedAgo(props: { fetchedAt?: string }): JSX.Element | null {
  const i18n = useI18n();
  const shared = useSharedStyles();
  if (!props.fetchedAt) return null;
  return (
    <Caption1 as="p">
      <Ago key={props.fetchedAt} fetchedAt={props.fetchedAt} />
      <span className={shared.visuallyHidden} role="status" aria-live="polite">
        {i18n.t('list.refreshedAt', { time: i18n.date(props.fetchedAt) })}
      </span>
    </Caption1>
  );
}
