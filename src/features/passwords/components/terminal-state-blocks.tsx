import type { PasswordCommand } from '@contract/schemas/commands';
import type { TerminalDetail } from '@contract/schemas/terminals';
import { Button } from '@/components/button';
import { Notice } from '@/components/notice';
import { isolate } from '@/i18n/bidi';
import { useFormat } from '@/i18n/use-format';
import { useTranslation } from '@/i18n/use-translation';
import { waitingCommandOf } from '../api/open-command';
import { CancelCommand } from './cancel-command';

export function useCommandSentence() {
  const { t } = useTranslation();
  const format = useFormat();
  return (command: PasswordCommand) =>
    t('passwords.openCommand.summary', {
      kind: t(`devices.command.kind.${command.kind}`),
      status: t(`devices.command.status.${command.status}`),
      name: isolate(command.requestedBy),
      when: format.dateTime(command.requestedAt),
    });
}

/** A second command while one is open is refused (docs/domain.md). */
export function OpenCommandRefusal({
  terminal,
  canCancel,
}: {
  terminal: TerminalDetail;
  canCancel: boolean;
}) {
  const { t } = useTranslation();
  const sentence = useCommandSentence();
  const command = terminal.openCommand;
  return (
    <div className="space-y-3">
      <Notice tone="warning">
        <p className="font-medium">{t('passwords.openCommand.refused')}</p>
        {command ? <p className="mt-1">{sentence(command)}</p> : null}
        <p className="mt-1">
          {command?.status === 'queued'
            ? terminal.status === 'offline'
              ? t('passwords.openCommand.queuedOffline')
              : t('passwords.openCommand.queuedOnline')
            : t('passwords.openCommand.delivered')}
        </p>
      </Notice>
      {command && canCancel ? <CancelCommand command={command} /> : null}
    </div>
  );
}

export function LockedNotice({
  lockedUntil,
  onResetInstead,
}: {
  lockedUntil: string | null | undefined;
  onResetInstead?: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className="space-y-3">
      <Notice tone="error">
        <p className="font-medium">
          {lockedUntil
            ? t('passwords.locked.until', { time: format.time(lockedUntil) })
            : t('passwords.locked.noTime')}
        </p>
        <p className="mt-1">
          {onResetInstead ? t('passwords.locked.resetHint') : t('passwords.locked.waitHint')}
        </p>
      </Notice>
      {onResetInstead ? (
        <Button variant="secondary" onClick={onResetInstead}>
          {t('passwords.locked.resetInstead')}
        </Button>
      ) : null}
    </div>
  );
}

export function TerminalReread({ terminal, rereading }: { terminal: TerminalDetail; rereading: boolean }) {
  const { t } = useTranslation();
  const sentence = useCommandSentence();
  const command = waitingCommandOf(terminal);
  return (
    <p aria-live="polite">
      {rereading
        ? t('passwords.unknown.rereading')
        : command
          ? t('passwords.unknown.rereadWaiting', { summary: sentence(command) })
          : t('passwords.unknown.rereadNone')}
    </p>
  );
}
