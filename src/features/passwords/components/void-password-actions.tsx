import { useState } from 'react';
import { Button } from '@/components/button';
import { Notice } from '@/components/notice';
import { useTranslation } from '@/i18n/use-translation';
import type { PasswordCommand } from '@contract/schemas/commands';
import type { TerminalDetail } from '@contract/schemas/terminals';
import type { VoidPasswordAccess } from '../api/access';
import { notSentNote } from '../api/not-sent';
import { waitingCommandOf } from '../api/open-command';
import { CancelCommand } from './cancel-command';
import { ChangeVoidPasswordDialog } from './change-void-password-dialog';
import { ResetVoidPasswordDialog } from './reset-void-password-dialog';

type OpenDialog = 'change' | 'reset' | null;

/** Cashiers get none of this (the page passes no access), and the API refuses them anyway. */
export function VoidPasswordActions({
  terminal,
  access,
}: {
  terminal: TerminalDetail;
  access: VoidPasswordAccess;
}) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [sent, setSent] = useState<PasswordCommand | null>(null);
  // Back here after signing in again: what the lost session kept from being sent, said once.
  const [notSent] = useState(() => notSentNote.take(access.userId, terminal.tid));
  const open = waitingCommandOf(terminal);

  const onSent = (command: PasswordCommand) => {
    setSent(command);
    setDialog(null);
  };

  if (!access.canChange && !access.canReset) return null;
  return (
    <div className="w-full space-y-3">
      {/* Always present, so "sent" is announced when it appears. */}
      <div aria-live="polite" className="text-sm font-medium text-gray-900 empty:sr-only">
        {sent
          ? t('passwords.actions.sent', { kind: t(`devices.command.kind.${sent.kind}`), tid: terminal.tid })
          : null}
      </div>
      {notSent && !sent ? (
        <Notice tone="warning">{t('passwords.actions.notSent', { kind: notSent, tid: terminal.tid })}</Notice>
      ) : null}
      {open ? (
        <div className="space-y-2 rounded-md border border-gray-200 bg-gray-50 p-3 text-sm text-gray-900">
          <p>
            {open.kind === 'firmware'
              ? t('devices.firmware.waitingForPin')
              : open.status === 'delivered'
                ? t('passwords.openCommand.delivered')
                : terminal.status === 'offline'
                  ? t('passwords.openCommand.queuedOffline')
                  : t('passwords.openCommand.oldStaysActive')}
          </p>
          {access.canCancel ? <CancelCommand command={open} /> : null}
        </div>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {access.canChange ? (
          <Button onClick={() => setDialog('change')}>{t('passwords.actions.change')}</Button>
        ) : null}
        {access.canReset ? (
          <Button variant="secondary" onClick={() => setDialog('reset')}>
            {t('passwords.actions.reset')}
          </Button>
        ) : null}
      </div>
      <ChangeVoidPasswordDialog
        open={dialog === 'change'}
        terminal={terminal}
        canCancel={access.canCancel}
        onClose={() => setDialog(null)}
        onSent={onSent}
        onResetInstead={access.canReset ? () => setDialog('reset') : undefined}
        onSessionEnded={() => notSentNote.put(access.userId, terminal.tid, 'change')}
      />
      <ResetVoidPasswordDialog
        open={dialog === 'reset'}
        terminal={terminal}
        access={access}
        onClose={() => setDialog(null)}
        onSent={onSent}
        onSessionEnded={() => notSentNote.put(access.userId, terminal.tid, 'reset')}
      />
    </div>
  );
}
