import type { JSX } from 'react';
import { Skeleton, SkeletonItem, makeStyles, tokens } from '@fluentui/react-components';
import { useI18n } from '../../shared/i18n/I18nProvider';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'grid', gridTemplateColumns: '2fr 1fr 1fr 3fr', gap: tokens.spacingHorizontalL },
});

/** Placeholder rows while the list and its live data load. */
export function ListSkeleton(props: { rows?: number }): JSX.Element {
  const styles = useStyles();
  const { t } = useI18n();
  return (
    <Skeleton className={styles.root} aria-label={t('list.loadingRows')} aria-busy="true">
      {Array.from({ length: props.rows ?? 5 }, (_, i) => (
        <div key={i} className={styles.row}>
          <SkeletonItem size={16} />
          <SkeletonItem size={16} />
          <SkeletonItem size={16} />
          <SkeletonItem size={16} />
        </div>
      ))}
    </Skeleton>
  );
}
