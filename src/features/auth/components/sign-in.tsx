import { type FormEvent, useRef, useState } from 'react';
import { Navigate, useLocation, useSearchParams } from 'react-router';
import { isApiError } from '@/api/errors';
import { Button } from '@/components/button';
import { ErrorNotice } from '@/components/error-notice';
import { Notice } from '@/components/notice';
import { PageSkeleton } from '@/components/skeleton';
import { TextField } from '@/components/text-field';
import type { MessageKey } from '@/i18n/messages';
import { useTranslation } from '@/i18n/use-translation';
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

type FieldName = keyof SignInForm;
type FieldErrors = Partial<Record<FieldName, MessageKey>>;

function validate(values: SignInForm): { data: SignInForm } | { errors: FieldErrors } {
  const result = SignInForm.safeParse(values);
  if (result.success) return { data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0] as FieldName;
    errors[field] ??= issue.message as MessageKey;
  }
  return { errors };
}

function endReasonFrom(state: unknown): SessionEndReason | undefined {
  if (typeof state !== 'object' || state === null || !('sessionEnded' in state)) return undefined;
  const reason = (state as { sessionEnded: unknown }).sessionEnded;
  return reason === 'expired' || reason === 'ended' || reason === 'signed-out' ? reason : undefined;
}

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

  // Two fields, no form library (decision 008): uncontrolled, so the password lives in its field only.
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitted, setSubmitted] = useState(false);

  if (session.data?.status === 'signed-in') return <Navigate to={returnTo} replace />;
  if (session.isPending) return <PageSkeleton label={t('app.checkingSession')} />;

  const values = (): SignInForm => ({
    username: usernameRef.current?.value ?? '',
    password: passwordRef.current?.value ?? '',
  });
  const check = () => {
    const result = validate(values());
    setErrors('errors' in result ? result.errors : {});
    return result;
  };
  const revalidate = () => {
    if (submitted) check();
  };
  const clearPassword = () => {
    if (passwordRef.current) passwordRef.current.value = '';
  };

  const submit = async () => {
    setSubmitted(true);
    const result = check();
    if ('errors' in result) {
      (result.errors.username ? usernameRef : passwordRef).current?.focus();
      return;
    }
    if (throttled) return;
    setFailure(null);
    try {
      await signIn.mutateAsync(result.data);
    } catch (error) {
      if (isApiError(error) && error.status === 429) {
        setFailure({ kind: 'throttled', until: secondsFromNow(error.retryAfter ?? 30) });
        clearPassword();
      } else if (isApiError(error) && error.status === 401) {
        setFailure({ kind: 'credentials', attemptsRemaining: error.attemptsRemaining });
        // A wrong password is a secret too: clear it, keep the username.
        clearPassword();
        passwordRef.current?.focus();
      } else {
        // The request may not have arrived: keep both fields so "Try again" resends them.
        setFailure({ kind: 'other', error });
      }
    } finally {
      signIn.reset();
    }
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit();
  };

  const fillDemoAccount = (account: DemoAccount) => {
    if (usernameRef.current) usernameRef.current.value = account.username;
    if (passwordRef.current) passwordRef.current.value = account.password;
    check();
    setFailure((current) => (current?.kind === 'throttled' ? current : null));
    submitRef.current?.focus();
  };

  const fieldError = (key: MessageKey | undefined): string | undefined => (key ? t(key) : undefined);

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
      {failure?.kind === 'other' ? <ErrorNotice error={failure.error} onRetry={() => void submit()} /> : null}

      <form method="post" noValidate onSubmit={onSubmit} className="space-y-4">
        <TextField
          label={t('signIn.username')}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          ref={usernameRef}
          name="username"
          defaultValue=""
          onChange={revalidate}
          error={fieldError(errors.username)}
        />
        <TextField
          label={t('signIn.password')}
          type="password"
          autoComplete="current-password"
          ref={passwordRef}
          name="password"
          defaultValue=""
          onChange={revalidate}
          error={fieldError(errors.password)}
        />
        <Button ref={submitRef} type="submit" className="w-full" disabled={signIn.isPending || throttled}>
          {signIn.isPending ? t('signIn.submitting') : t('signIn.submit')}
        </Button>
      </form>

      {__API_MOCKING__ && demoAccounts.length > 0 ? (
        <DemoAccountList accounts={demoAccounts} onUse={fillDemoAccount} />
      ) : null}
    </div>
  );
}
