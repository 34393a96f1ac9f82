import { useMemo, type JSX } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Body1,
  Button,
  Card,
  Spinner,
  Subtitle2,
  Title3,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { PersonRegular } from '@fluentui/react-icons';
import type { DemoUser } from '../../../server/wire/contract';
import { createApiClient } from '../../shared/api-client';
import { ErrorNotice } from '../../shared/components/ErrorNotice';
import { errorText } from '../../shared/error-text';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { useSharedStyles } from '../../shared/styles';
import { saveDemoToken } from './demo-token';
import { focusMainHeading } from '../../shared/use-focus-return';
import { queryKeys } from '../../shared/query-keys';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '48rem' },
  heading: { margin: 0 },
  hospitals: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(15rem, 1fr))',
    gap: tokens.spacingHorizontalL,
  },
  users: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  user: { justifyContent: 'flex-start' },
});

interface Hospital {
  key: string;
  tenantName: string;
  fhirVersion: string;
  users: DemoUser[];
}

function byHospital(users: DemoUser[]): Hospital[] {
  const hospitals = new Map<string, Hospital>();
  for (const user of users) {
    const hospital = hospitals.get(user.tenantId) ?? {
      key: user.tenantId,
      tenantName: user.tenantName,
      fhirVersion: user.fhirVersion,
      users: [],
    };
    hospital.users.push(user);
    hospitals.set(user.tenantId, hospital);
  }
  return [...hospitals.values()];
}

/** Demo mode outside Teams: pick an invented clinician; each hospital speaks another FHIR version. */
export function DemoSignIn(props: { baseUrl?: string; onSignedIn: (token: string) => void }): JSX.Element {
  const styles = useStyles();
  const shared = useSharedStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const open = useMemo(() => createApiClient({ baseUrl: props.baseUrl }), [props.baseUrl]);
  const usersQuery = useQuery({
    queryKey: queryKeys.demoUsers(props.baseUrl ?? ''),
    queryFn: () => open.get<{ users: DemoUser[] }>('/api/demo/users'),
  });
  const signInMutation = useMutation({
    mutationFn: (userId: string) => open.post<{ token: string }>('/api/demo/sign-in', { userId }),
    onSuccess: ({ token }) => {
      saveDemoToken(token);
      props.onSignedIn(token);
      focusMainHeading();
    },
  });
  const users = usersQuery.data?.users;
  const error: unknown = signInMutation.error ?? (usersQuery.isError ? usersQuery.error : undefined);
  // Every button waits while one sign-in runs, and after it succeeded, until the lists replace this page.
  const isSigningIn = signInMutation.isPending || signInMutation.isSuccess;
  const signIn = (userId: string): void => signInMutation.mutate(userId);
  const retry = (): void => {
    signInMutation.reset();
    if (usersQuery.isError) void usersQuery.refetch();
  };

  return (
    <main className={styles.root}>
      <Title3 as="h1" className={styles.heading}>
        {t('signIn.title')}
      </Title3>
      <Body1>{t('signIn.demoIntro')}</Body1>
      {error !== undefined && (
        <ErrorNotice
          message={t('signIn.failed', { reason: errorText(error, i18n) })}
          onRetry={retry}
        />
      )}
      {!users && error === undefined && <Spinner label={t('signIn.loading')} />}
      {users && (
        <div className={styles.hospitals}>
          {byHospital(users).map((hospital) => (
            <Card key={hospital.key}>
              <Subtitle2 as="h2">
                {t('signIn.hospital', { tenant: hospital.tenantName, version: hospital.fhirVersion })}
              </Subtitle2>
              <div className={styles.users}>
                {hospital.users.map((user) => (
                  <Button
                    key={user.userId}
                    className={mergeClasses(styles.user, shared.touchTarget)}
                    icon={<PersonRegular />}
                    disabled={isSigningIn}
                    aria-label={t('signIn.as', { name: user.name })}
                    onClick={() => signIn(user.userId)}
                  >
                    {user.name}
                  </Button>
                ))}
              </div>
            </Card>
          ))}
        </div>
      )}
    </main>
  );
}
