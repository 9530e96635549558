import { isApiError } from '@/api/errors';
import type { PasswordCommand } from '@contract/schemas/commands';
import { ErrorCode } from '@contract/schemas/common';
import { Button } from '@/components/button';
import { ErrorNotice } from '@/components/error-notice';
import { useTranslation } from '@/i18n/use-translation';
import { useCancelCommand } from '../api/mutations';

/** "Check again" sends the same cancel (same key), which the server does at most once. */
export function CancelCommand({ command }: { command: PasswordCommand }) {
  const { t } = useTranslation();
  const cancel = useCancelCommand();
  const { state } = cancel;
  const kind = t(`devices.command.kind.${command.kind}`);
  const tooLate =
    state.status === 'failed' &&
    isApiError(state.error) &&
    state.error.code === ErrorCode.commandNotCancellable;

  return (
    <div className="space-y-2">
      {command.status === 'queued' && state.status !== 'succeeded' ? (
        <Button
          variant="secondary"
          disabled={state.status === 'pending'}
          onClick={() => void cancel.run(command.id)}
        >
          {state.status === 'pending'
            ? t('passwords.cancel.cancelling')
            : state.status === 'unknown'
              ? t('passwords.cancel.checkAgain')
              : t('passwords.cancel.button', { kind })}
        </Button>
      ) : null}
      <div aria-live="polite" className="text-sm empty:sr-only">
        {state.status === 'succeeded' ? (
          <p className="text-gray-900">{t('passwords.cancel.done', { kind })}</p>
        ) : state.status === 'unknown' ? (
          <p className="text-amber-900">{t('passwords.cancel.unknown')}</p>
        ) : tooLate ? (
          <p className="text-gray-900">{t('passwords.cancel.tooLate', { kind })}</p>
        ) : null}
      </div>
      {state.status === 'failed' && !tooLate ? <ErrorNotice error={state.error} /> : null}
    </div>
  );
}
