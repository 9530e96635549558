import { zodResolver } from '@hookform/resolvers/zod';
import { useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useSearchParams } from 'react-router';
import { isApiError } from '@/api/errors';
import type { MessageKey } from '@/i18n/messages';
import { Button } from '@/components/button';
import { ErrorNotice } from '@/components/error-notice';
import { Notice } from '@/components/notice';
import { PageSkeleton } from '@/components/skeleton';
import { TextField } from '@/components/text-field';
import { useSignIn } from '../api/mutations';
import { type SessionEndReason } from '../api/session';
import { SignInForm } from '../api/sign-in-form';
import { useSession } from '../api/use-session';
import type { DemoAccount } from '../demo-account';
import { safeReturnTo } from '../return-to';
import { useCountdown } from '../use-countdown';
import { DemoAccountList } from './demo-account-list';

type Failure =
  | { kind: 'credentials'; attemptsRemaining: number | undefined }
  | { kind: 'throttled'; until: number }
  | { kind: 'other'; error: unknown };

function secondsFromNow(seconds: number): number {
  return Date.now() + seconds * 1000;
}

function endReasonFrom(state: unknown): SessionEndReason | undefined {
  if (typeof state !== 'object' || state === null || !('sessionEnded' in state)) return undefined;
  const reason = (state as { sessionEnded: unknown }).sessionEnded;
  return reason === 'expired' || reason === 'ended' || reason === 'signed-out' ? reason : undefined;
}

/** Sign-in: the form, why the user is here again, and (mock mode) the demo accounts. */
export function SignIn({ demoAccounts }: { demoAccounts: readonly DemoAccount[] }) {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const returnTo = safeReturnTo(searchParams.get('returnTo')) ?? '/';
  const endReason = endReasonFrom(location.state);

  const signIn = useSignIn();
  const [failure, setFailure] = useState<Failure | null>(null);
  const submitRef = useRef<HTMLButtonElement>(null);
  const throttleSecondsLeft = useCountdown(failure?.kind === 'throttled' ? failure.until : null);
  const throttled = failure?.kind === 'throttled' && throttleSecondsLeft > 0;

  const form = useForm<SignInForm>({
    resolver: zodResolver(SignInForm),
    defaultValues: { username: '', password: '' },
  });
  const { errors } = form.formState;

  if (session.data?.status === 'signed-in') return <Navigate to={returnTo} replace />;
  if (session.isPending) return <PageSkeleton label={t('app.checkingSession')} />;

  const onSubmit = form.handleSubmit(async (credentials) => {
    if (throttled) return;
    setFailure(null);
    try {
      await signIn.mutateAsync(credentials);
    } catch (error) {
      if (isApiError(error) && error.status === 429) {
        setFailure({ kind: 'throttled', until: secondsFromNow(error.retryAfter ?? 30) });
        form.setValue('password', '');
      } else if (isApiError(error) && error.status === 401) {
        setFailure({ kind: 'credentials', attemptsRemaining: error.attemptsRemaining });
        // A wrong password is a secret too: clear it, keep the username.
        form.setValue('password', '');
        form.setFocus('password');
      } else {
        // The request may not have arrived: keep both fields so "Try again" resends them.
        setFailure({ kind: 'other', error });
      }
    } finally {
      // Drop the settled mutation (its variables hold the password) from the cache.
      signIn.reset();
    }
  });

  const fillDemoAccount = (account: DemoAccount) => {
    form.setValue('username', account.username, { shouldValidate: true });
    form.setValue('password', account.password, { shouldValidate: true });
    setFailure((current) => (current?.kind === 'throttled' ? current : null));
    submitRef.current?.focus();
  };

  // The form schema's messages are message keys (see sign-in-form.ts).
  const fieldError = (message: string | undefined): string | undefined =>
    message ? t(message as MessageKey) : undefined;

  return (
    <div className="space-y-6">
      {endReason && !failure ? (
        <Notice tone={endReason === 'signed-out' ? 'success' : 'warning'}>
          {endReason === 'expired'
            ? t('signIn.sessionExpired')
            : endReason === 'signed-out'
              ? t('signIn.signedOut')
              : t('signIn.sessionEnded')}
        </Notice>
      ) : null}

      {failure?.kind === 'credentials' ? (
        <Notice tone="error">
          <p>{t('signIn.invalidCredentials')}</p>
          {failure.attemptsRemaining !== undefined ? (
            <p className="mt-1">{t('signIn.attemptsRemaining', { count: failure.attemptsRemaining })}</p>
          ) : null}
        </Notice>
      ) : null}
      {throttled ? (
        <Notice tone="error">{t('signIn.throttled', { seconds: throttleSecondsLeft })}</Notice>
      ) : null}
      {failure?.kind === 'other' ? (
        <ErrorNotice error={failure.error} onRetry={() => void onSubmit()} />
      ) : null}

      <form method="post" noValidate onSubmit={onSubmit} className="space-y-4">
        <TextField
          label={t('signIn.username')}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          error={fieldError(errors.username?.message)}
          {...form.register('username')}
        />
        <TextField
          label={t('signIn.password')}
          type="password"
          autoComplete="current-password"
          error={fieldError(errors.password?.message)}
          {...form.register('password')}
        />
        <Button ref={submitRef} type="submit" className="w-full" disabled={signIn.isPending || throttled}>
          {signIn.isPending ? t('signIn.submitting') : t('signIn.submit')}
        </Button>
      </form>

      {demoAccounts.length > 0 ? <DemoAccountList accounts={demoAccounts} onUse={fillDemoAccount} /> : null}
    </div>
  );
}
