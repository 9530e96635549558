import type { ReactNode } from 'react';
import { Button } from '@/components/button';
import { Notice } from '@/components/notice';
import { useTranslation } from '@/i18n/use-translation';

/**
 * The answer to a change, reset or bulk reset was lost (network, timeout, server error): it
 * may or may not have been done, so it is not reported as done. `reread` says what
 * re-reading the terminal shows now; "Check again" sends the very same request (same
 * idempotency key): if the first arrived, its answer comes back; if not, it is done now —
 * never twice.
 */
export function OutcomeUnknown({
  what,
  reread,
  checking,
  onCheckAgain,
  onClose,
}: {
  /** "the change", "the reset"… already translated. */
  what: string;
  reread?: ReactNode;
  checking: boolean;
  onCheckAgain: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="space-y-3">
      <Notice tone="warning">
        <p className="font-medium">{t('passwords.unknown.title')}</p>
        <p className="mt-1">{t('passwords.unknown.body', { what })}</p>
        {reread ? <div className="mt-2">{reread}</div> : null}
        <p className="mt-2">{t('passwords.unknown.safe')}</p>
      </Notice>
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="secondary" onClick={onClose}>
          {t('passwords.dialog.close')}
        </Button>
        <Button onClick={onCheckAgain} disabled={checking}>
          {checking ? t('passwords.unknown.checking') : t('passwords.unknown.checkAgain')}
        </Button>
      </div>
    </div>
  );
}
