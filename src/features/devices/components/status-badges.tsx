import type { PasswordCommand } from '@contract/schemas/commands';
import type { TerminalSummary } from '@contract/schemas/terminals';
import { Countdown } from '@/components/countdown';
import { useFormat } from '@/i18n/use-format';
import { useTranslation } from '@/i18n/use-translation';

const badge = 'inline-flex items-center gap-1 rounded-md border px-2 py-0.5 text-xs font-medium';

function WarningIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="h-3.5 w-3.5 shrink-0">
      <path fill="currentColor" d="M10 2 1 18h18L10 2zm-1 6h2v5H9V8zm0 6h2v2H9v-2z" />
    </svg>
  );
}

function LockIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="h-3.5 w-3.5 shrink-0">
      <path
        fill="currentColor"
        d="M6 8V6a4 4 0 1 1 8 0v2h1a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V9a1 1 0 0 1 1-1h1zm2 0h4V6a2 2 0 1 0-4 0v2z"
      />
    </svg>
  );
}

/** The factory default is a risk shown with icon and words, not colour alone. */
export function VoidPasswordBadge({
  voidPassword,
  serverNow,
}: {
  voidPassword: NonNullable<TerminalSummary['voidPassword']>;
  serverNow: number;
}) {
  const { t } = useTranslation();
  if (voidPassword.state === 'default') {
    return (
      <span className={`${badge} border-red-300 bg-red-50 text-red-800`}>
        <WarningIcon />
        {t('devices.voidPassword.default')}
      </span>
    );
  }
  if (voidPassword.state === 'locked') {
    return (
      <span className={`${badge} border-amber-400 bg-amber-50 text-amber-950`}>
        <LockIcon />
        {voidPassword.lockedUntil ? (
          <Countdown
            until={voidPassword.lockedUntil}
            now={serverNow}
            expired={t('devices.voidPassword.lockEnded')}
          >
            {(duration) => t('devices.voidPassword.lockedFor', { duration })}
          </Countdown>
        ) : (
          t('devices.voidPassword.locked')
        )}
      </span>
    );
  }
  if (voidPassword.state === 'temporary') {
    return (
      <span className={`${badge} border-amber-400 bg-amber-50 text-amber-950`}>
        <WarningIcon />
        {t('devices.voidPassword.temporary')}
      </span>
    );
  }
  return (
    <span className={`${badge} border-green-300 bg-green-50 text-green-900`}>
      {t('devices.voidPassword.custom')}
    </span>
  );
}

export function PasswordChanged({ changedAt, serverNow }: { changedAt: string | null; serverNow: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <span className="block truncate text-xs text-gray-700">
      {changedAt ? (
        <time dateTime={changedAt} title={format.dateTime(changedAt)}>
          {t('devices.voidPassword.changedRelative', { relative: format.relative(changedAt, serverNow) })}
        </time>
      ) : (
        t('devices.voidPassword.neverShort')
      )}
    </span>
  );
}

/** Relative to the server's ticking clock. */
export function Connectivity({
  status,
  lastSeenAt,
  serverNow,
  layout = 'stacked',
}: {
  status: TerminalSummary['status'];
  lastSeenAt: string;
  serverNow: number;
  layout?: 'stacked' | 'inline';
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const online = status === 'online';
  return (
    <span className={layout === 'stacked' ? 'flex flex-col' : 'inline-flex flex-wrap gap-x-2'}>
      <span className="inline-flex items-center gap-1.5 font-medium">
        <span
          aria-hidden="true"
          className={`h-2 w-2 shrink-0 rounded-full ${online ? 'bg-green-600' : 'bg-gray-500'}`}
        />
        {t(online ? 'devices.connectivity.online' : 'devices.connectivity.offline')}
      </span>
      <time dateTime={lastSeenAt} title={format.dateTime(lastSeenAt)} className="text-xs text-gray-700">
        {t('devices.connectivity.lastSeen', { relative: format.relative(lastSeenAt, serverNow) })}
      </time>
    </span>
  );
}

const commandTone: Record<PasswordCommand['status'], string> = {
  queued: 'border-blue-300 bg-blue-50 text-blue-900',
  delivered: 'border-blue-300 bg-blue-50 text-blue-900',
  applied: 'border-green-300 bg-green-50 text-green-900',
  failed: 'border-red-300 bg-red-50 text-red-800',
  expired: 'border-gray-300 bg-gray-100 text-gray-800',
  cancelled: 'border-gray-300 bg-gray-100 text-gray-800',
};

export function CommandBadge({ command, withKind = true }: { command: PasswordCommand; withKind?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={`${badge} ${commandTone[command.status]}`}>
      {withKind ? `${t(`devices.command.kind.${command.kind}`)} · ` : null}
      {t(`devices.command.status.${command.status}`)}
    </span>
  );
}
