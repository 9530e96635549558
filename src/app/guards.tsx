import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { Role } from '@contract/schemas/common';
import { Button } from '@/components/button';
import { ErrorNotice } from '@/components/error-notice';
import { AppSkeleton } from '@/components/skeleton';
import { forgetSignedInData, type SessionEndReason } from '@/features/auth/api/session';
import { useSession } from '@/features/auth/api/use-session';
import { signInPath } from '@/features/auth/return-to';
import { SignedInUserProvider, useSignedInUser } from '@/features/auth/signed-in-user';
import { useTranslation } from '@/i18n/use-translation';
import { ForbiddenPage } from '@/pages/forbidden-page';

export function RequireSession() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();

  if (session.isPending) return <AppSkeleton label={t('app.checkingSession')} />;
  if (session.isError) {
    return (
      <main id="main-content" className="mx-auto w-full max-w-lg space-y-4 p-6">
        <h1 className="text-xl font-semibold text-gray-900">{t('app.sessionCheckFailed')}</h1>
        <ErrorNotice error={session.error} />
        <Button onClick={() => void session.refetch()}>{t('app.retry')}</Button>
      </main>
    );
  }
  if (session.data.status === 'signed-out') {
    const reason = session.data.endedBecause;
    const returnTo =
      reason === 'signed-out' ? null : `${location.pathname}${location.search}${location.hash}`;
    // Sign-out pushes, so Back comes back here through the guard instead of leaving the app.
    return (
      <>
        <ForgetSignedInData />
        <Navigate
          to={signInPath(returnTo)}
          replace={reason !== 'signed-out'}
          state={reason ? SESSION_ENDED_STATE[reason] : undefined}
        />
      </>
    );
  }
  return (
    <SignedInUserProvider user={session.data.user}>
      <Outlet />
    </SignedInUserProvider>
  );
}

/** A fresh `state` object makes `<Navigate>` navigate again on each render. */
const SESSION_ENDED_STATE = {
  expired: { sessionEnded: 'expired' },
  ended: { sessionEnded: 'ended' },
  'signed-out': { sessionEnded: 'signed-out' },
} as const satisfies Record<SessionEndReason, { sessionEnded: SessionEndReason }>;

/** Effects run after the commit's unmounts: also drops queries a dying page re-created in its last render. */
function ForgetSignedInData() {
  const queryClient = useQueryClient();
  useEffect(() => forgetSignedInData(queryClient), [queryClient]);
  return null;
}

export function RequireRole({ allow }: { allow: readonly Role[] }) {
  const user = useSignedInUser();
  return allow.includes(user.role) ? <Outlet /> : <ForbiddenPage />;
}
