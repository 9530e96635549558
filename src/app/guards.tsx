import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { Role } from '@/api/schemas/common';
import { Button } from '@/components/button';
import { ErrorNotice } from '@/components/error-notice';
import { AppSkeleton } from '@/components/skeleton';
import { forgetSignedInData, type SessionEndReason } from '@/features/auth/api/session';
import { useSession } from '@/features/auth/api/use-session';
import { signInPath } from '@/features/auth/return-to';
import { SignedInUserProvider, useSignedInUser } from '@/features/auth/signed-in-user';
import { useTranslation } from '@/i18n/use-translation';
import { ForbiddenPage } from '@/pages/forbidden-page';

/**
 * Signed-in routes. While the session is checked: a skeleton. Without a session: to
 * sign-in, remembering where the user was and (router state, not the URL) why.
 */
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
    // After "Sign out" the page is pushed, so Back lands on a guarded page and comes
    // straight back here instead of leaving the app; a lost session replaces the entry.
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

/**
 * One state object per reason: `<Navigate>` navigates again whenever its `state` prop is a new
 * object, so a fresh literal on each render of the guard would push sign-in more than once.
 */
const SESSION_ENDED_STATE = {
  expired: { sessionEnded: 'expired' },
  ended: { sessionEnded: 'ended' },
  'signed-out': { sessionEnded: 'signed-out' },
} as const satisfies Record<SessionEndReason, { sessionEnded: SessionEndReason }>;

/**
 * Runs once the signed-in pages have unmounted (effects run after the unmounts of their
 * commit): a query such a page re-created while it rendered a last time, between the session
 * ending and this guard taking over, goes too.
 */
function ForgetSignedInData() {
  const queryClient = useQueryClient();
  useEffect(() => forgetSignedInData(queryClient), [queryClient]);
  return null;
}

/** A route only some roles may open; the others get a "not allowed" page, not a redirect. */
export function RequireRole({ allow }: { allow: readonly Role[] }) {
  const user = useSignedInUser();
  return allow.includes(user.role) ? <Outlet /> : <ForbiddenPage />;
}
