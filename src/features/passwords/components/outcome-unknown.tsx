import type { ReactNode } from 'react';
import { Button } from '@/components/button';
import { Notice } from '@/components/notice';
import { useTranslation } from '@/i18n/use-translation';

/** Never reported as done; "Check again" sends the same request (same key), so it is never done twice. */
export function OutcomeUnknown({
  what,
  reread,
  checking,
  onCheckAgain,
  onClose,
}: {
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
