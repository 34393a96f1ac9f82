import { useEffect, useState, type JSX } from 'react';
import { Caption1 } from '@fluentui/react-components';
import { useI18n } from '../../shared/i18n/I18nProvider';

/** "Updated 3 minutes ago", kept current every 30 s. */
export function UpdatedAgo(props: { fetchedAt?: string }): JSX.Element | null {
  const i18n = useI18n();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    setNow(new Date());
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, [props.fetchedAt]);
  if (!props.fetchedAt) return null;
  return (
    <Caption1 as="p" aria-live="polite">
      <time dateTime={props.fetchedAt}>{i18n.t('list.updatedAgo', { ago: i18n.ago(props.fetchedAt, now) })}</time>
    </Caption1>
  );
}
