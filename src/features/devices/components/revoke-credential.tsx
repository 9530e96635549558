import { useId, useState } from 'react';
import { Button } from '@/components/button';
import { Dialog } from '@/components/dialog';
import { ErrorNotice } from '@/components/error-notice';
import { useTranslation } from '@/i18n/use-translation';
import { useRevokeCredential } from '../api/credential';

/**
 * For a lost or stolen terminal: its key stops working at once (no check-in, command or sale is taken from
 * it). Asked once more in a dialog, since only a new activation code brings the terminal back.
 */
export function RevokeCredential({ tid }: { tid: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const revoke = useRevokeCredential(tid);
  const { state } = revoke;
  const titleId = useId();
  const bodyId = useId();
  const pending = state.status === 'pending';

  return (
    <>
      <Button variant="secondary" className="mt-2" onClick={() => setOpen(true)}>
        {t('devices.revoke.button')}
      </Button>
      <Dialog
        open={open}
        onCancel={() => !pending && setOpen(false)}
        labelledBy={titleId}
        describedBy={bodyId}
        role="alertdialog"
      >
        <h2 id={titleId} className="text-lg font-semibold">
          {t('devices.revoke.title', { tid })}
        </h2>
        <p id={bodyId} className="mt-2 text-sm text-gray-800">
          {t('devices.revoke.body')}
        </p>
        {state.status === 'unknown' ? (
          <p className="mt-3 text-sm text-amber-900" role="status">
            {t('devices.revoke.unknown')}
          </p>
        ) : null}
        {state.status === 'failed' ? <ErrorNotice error={state.error} className="mt-3" /> : null}
        <div className="mt-5 flex flex-wrap justify-end gap-3">
          <Button variant="secondary" data-autofocus disabled={pending} onClick={() => setOpen(false)}>
            {t('devices.revoke.keep')}
          </Button>
          <Button
            variant="danger"
            disabled={pending}
            onClick={() =>
              void revoke.run(undefined).then((done) => {
                if (done?.status === 'succeeded') setOpen(false);
              })
            }
          >
            {pending
              ? t('devices.revoke.revoking')
              : state.status === 'unknown'
                ? t('devices.revoke.checkAgain')
                : t('devices.revoke.confirm')}
          </Button>
        </div>
      </Dialog>
    </>
  );
}
