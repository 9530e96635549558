import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/button';
import { Notice } from '@/components/notice';
import { useFormat } from '@/i18n/use-format';
import { useTranslation } from '@/i18n/use-translation';
import { DialogHeading } from './dialog-heading';

type CopyState = 'idle' | 'copied' | 'failed';

/** Lives only in the dialog's state and is never shown again; a copied PIN is cleared from the clipboard. */
export function TemporaryPinPanel({
  pin,
  tid,
  offline,
  expiresAt,
  readOut,
  titleId,
  onNoted,
}: {
  pin: string;
  tid: string;
  offline: boolean;
  expiresAt: string;
  readOut: boolean;
  titleId: string;
  onNoted: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [copy, setCopy] = useState<CopyState>('idle');
  const copied = useRef(false);

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  const copyPin = async () => {
    try {
      await navigator.clipboard.writeText(pin);
      copied.current = true;
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };

  const noted = () => {
    // Best effort: the PIN should not wait in the clipboard for the next paste.
    if (copied.current) void navigator.clipboard.writeText('').catch(() => undefined);
    onNoted();
  };

  const grouped = `${pin.slice(0, 3)} ${pin.slice(3)}`;
  return (
    <div className="space-y-4">
      {/* The form it replaces had the focus: reading starts here. */}
      <DialogHeading id={titleId} focusOnMount>
        {t('passwords.temporary.title', { tid })}
      </DialogHeading>
      <div className="flex flex-wrap items-center gap-3 rounded-md border border-gray-300 bg-gray-50 px-4 py-3">
        <p className="font-mono text-3xl font-semibold tracking-[0.2em] text-gray-900">
          <span aria-hidden="true">{grouped}</span>
          <span className="sr-only">{pin.split('').join(' ')}</span>
        </p>
        <Button variant="secondary" onClick={() => void copyPin()}>
          {t('passwords.temporary.copy')}
        </Button>
      </div>
      <div role="status" className="text-sm empty:sr-only">
        {copy === 'copied' ? (
          <p className="text-green-800">{t('passwords.temporary.copied')}</p>
        ) : copy === 'failed' ? (
          <p className="text-red-800">{t('passwords.temporary.copyFailed')}</p>
        ) : null}
      </div>
      <Notice tone="warning">
        <p className="font-medium">{t('passwords.temporary.once')}</p>
        <p className="mt-1">
          {readOut ? t('passwords.temporary.readToMerchant') : t('passwords.temporary.firstUse')}
        </p>
        <p className="mt-1">{offline ? t('passwords.temporary.offline') : t('passwords.temporary.online')}</p>
        <p className="mt-1">{t('passwords.temporary.validity', { time: format.dateTime(expiresAt) })}</p>
      </Notice>
      <div className="flex justify-end">
        <Button onClick={noted}>{t('passwords.temporary.noted')}</Button>
      </div>
    </div>
  );
}
