import { Button } from '@/components/button';
import { Dialog } from '@/components/dialog';
import { ErrorNotice } from '@/components/error-notice';
import { useTranslation } from '@/i18n/use-translation';
import { useSignOut, useStaySignedIn } from '../api/mutations';
import { useIdleTimeout } from '../use-idle-timeout';

export function IdleTimeoutDialog() {
  const { t } = useTranslation();
  const { secondsLeft, warning } = useIdleTimeout();
  const stay = useStaySignedIn();
  const signOut = useSignOut();
  const error = stay.error ?? signOut.error;

  const staySignedIn = () => {
    signOut.reset();
    stay.mutate();
  };

  return (
    <Dialog
      open={warning}
      onCancel={staySignedIn}
      role="alertdialog"
      labelledBy="idle-timeout-title"
      describedBy="idle-timeout-countdown"
    >
      <h2 id="idle-timeout-title" className="text-lg font-semibold text-gray-900">
        {t('idle.title')}
      </h2>
      <p id="idle-timeout-countdown" className="mt-2 text-base text-gray-900">
        {t('idle.countdown', { seconds: secondsLeft ?? 0 })}
      </p>
      <p className="mt-1 text-sm text-gray-700">{t('idle.explanation')}</p>
      {error ? <ErrorNotice error={error} className="mt-4" /> : null}
      <div className="mt-6 flex flex-wrap justify-end gap-3">
        <Button
          variant="secondary"
          disabled={signOut.isPending}
          onClick={() => {
            stay.reset();
            signOut.mutate();
          }}
        >
          {t('idle.signOut')}
        </Button>
        <Button data-autofocus disabled={stay.isPending} onClick={staySignedIn}>
          {t('idle.stay')}
        </Button>
      </div>
    </Dialog>
  );
}
