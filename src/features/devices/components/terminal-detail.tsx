import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useCallback, useEffect } from 'react';
import { Link } from 'react-router';
import { isApiError } from '@/api/errors';
import { liveStatus, pollInterval } from '@/api/live-status';
import { terminalQueries } from '@/api/queries/terminals';
import { BackLink } from '@/components/back-link';
import { buttonClasses } from '@/components/button';
import { Countdown } from '@/components/countdown';
import { ErrorNotice } from '@/components/error-notice';
import { MissingResource } from '@/components/missing-resource';
import { Notice } from '@/components/notice';
import { PageHeader } from '@/components/page-header';
import { Panel } from '@/components/panel';
import { PageSkeleton } from '@/components/skeleton';
import { useServerNow } from '@/components/use-server-now';
import { paths } from '@/config/paths';
import { useFormat } from '@/i18n/use-format';
import { useTranslation } from '@/i18n/use-translation';
import { TerminalId } from '@contract/schemas/common';
import { showsVoidPassword, type TerminalDetail, type TerminalView } from '@contract/schemas/terminals';
import { CommandHistory } from './command-history';
import { ScheduleFirmwareUpdate } from './firmware-update';
import { OpenCommand } from './open-command';
import { RevokeCredential } from './revoke-credential';
import { Connectivity, VoidPasswordBadge } from './status-badges';

const REFRESH_MS = 30_000;
const MAX_WRONG_ATTEMPTS = 5;

export function voidableSalesHref(tid: string): string {
  return paths.transactions({ terminalId: tid, voidable: 'true' });
}

export interface TerminalDetailViewProps {
  tid: string;
  voidPasswordActions?: (terminal: TerminalDetail) => ReactNode;
  merchantHref?: (merchantId: string) => string | null;
  /** The user may revoke an activated terminal's protocol credential (owner, support). */
  canRevokeCredential?: boolean;
  /** Owner and support (decision 024): "Schedule the update" beside "Update available". */
  canScheduleFirmware?: boolean;
}

/** An unknown TID and another merchant's TID look the same: not found. */
export function TerminalDetailView(props: TerminalDetailViewProps) {
  const valid = TerminalId.safeParse(props.tid).success;
  if (!valid) return <TerminalNotFound tid={props.tid} />;
  return <TerminalDetailLoaded {...props} />;
}

function TerminalDetailLoaded({
  tid,
  voidPasswordActions,
  merchantHref,
  canRevokeCredential = false,
  canScheduleFirmware = false,
}: TerminalDetailViewProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const detail = useQuery(terminalQueries.detail(tid));
  const serverNow = useServerNow(
    detail.data && { serverTime: detail.data.serverTime, receivedAt: detail.dataUpdatedAt },
  );

  const refreshInBackground = useCallback(() => {
    const reread = [
      queryClient.fetchQuery({ ...terminalQueries.detail(tid, { background: true }), staleTime: 0 }),
      queryClient.fetchQuery({ ...terminalQueries.commands(tid, { background: true }), staleTime: 0 }),
    ];
    // The fleet list shows the open command and password state too: re-read it when next seen.
    void queryClient.invalidateQueries({ queryKey: terminalQueries.lists(), refetchType: 'none' });
    void Promise.allSettled(reread);
  }, [queryClient, tid]);

  const loaded = detail.data !== undefined;
  useEffect(() => {
    if (!loaded) return;
    // While the live stream is open its events re-read this page (src/app/live-updates.ts), and the poll is
    // only a safety net (5 minutes); when the stream goes down it is every 30 s again, from then.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        refreshInBackground();
        schedule();
      }, pollInterval(REFRESH_MS));
    };
    schedule();
    const unsubscribe = liveStatus.subscribe(schedule);
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [loaded, refreshInBackground]);

  if (detail.isPending) return <PageSkeleton />;
  const notFound = detail.isError && isApiError(detail.error) && detail.error.status === 404;
  if (notFound) return <TerminalNotFound tid={tid} />;
  // A failed re-read leaves what is on screen (an open dialog, a temporary PIN) where it is.
  const terminal: TerminalView | undefined = detail.data;
  if (terminal === undefined) {
    return (
      <>
        <BackToList />
        <PageHeader title={t('devices.terminal.title', { tid })} />
        <ErrorNotice error={detail.error} onRetry={() => void detail.refetch()} />
      </>
    );
  }

  const now = serverNow ?? Date.parse(terminal.serverTime);
  return (
    <>
      <BackToList />
      <PageHeader title={t('devices.terminal.title', { tid })}>
        <Link to={voidableSalesHref(tid)} className={buttonClasses('secondary')}>
          {t('devices.terminal.voidableSales')}
        </Link>
      </PageHeader>
      {detail.isError ? (
        <ErrorNotice className="mb-6" error={detail.error} onRetry={() => void detail.refetch()} />
      ) : null}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Identity terminal={terminal} merchantHref={merchantHref} canScheduleFirmware={canScheduleFirmware} />
        <Status
          terminal={terminal}
          serverNow={now}
          onCutoff={refreshInBackground}
          canRevokeCredential={canRevokeCredential}
        />
        {showsVoidPassword(terminal) ? (
          <>
            <VoidPasswordPanel
              terminal={terminal}
              serverNow={now}
              actions={voidPasswordActions?.(terminal)}
            />
            <OpenCommand terminal={terminal} serverNow={now} onSettled={refreshInBackground} />
            <div className="lg:col-span-2">
              <CommandHistory tid={tid} />
            </div>
          </>
        ) : null}
      </div>
    </>
  );
}

function BackToList() {
  const { t } = useTranslation();
  return <BackLink to={paths.terminals()} label={t('devices.terminal.backToList')} />;
}

function TerminalNotFound({ tid }: { tid: string }) {
  const { t } = useTranslation();
  return (
    <MissingResource
      title={t('devices.terminal.notFoundTitle')}
      body={t('devices.terminal.notFoundBody', { tid })}
      backTo={paths.terminals()}
      backLabel={t('devices.terminal.backToList')}
    />
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-sm text-gray-700">{label}</dt>
      <dd className="text-sm font-medium break-words text-gray-900">{children}</dd>
    </div>
  );
}

function Identity({
  terminal,
  merchantHref,
  canScheduleFirmware,
}: {
  terminal: TerminalView;
  merchantHref?: (merchantId: string) => string | null;
  canScheduleFirmware: boolean;
}) {
  const { t } = useTranslation();
  const href = merchantHref?.(terminal.merchantId) ?? null;
  return (
    <Panel title={t('devices.terminal.identity')}>
      <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-3 sm:grid-cols-2">
        <Field label={t('devices.terminal.tid')}>
          <span className="font-mono">{terminal.tid}</span>
        </Field>
        <Field label={t('devices.terminal.sn')}>
          <span className="font-mono">{terminal.sn}</span>
        </Field>
        <Field label={t('devices.terminal.model')}>{terminal.model}</Field>
        <Field label={t('devices.terminal.firmware')}>
          <bdi className="wrap-anywhere">{terminal.firmware}</bdi>
          {terminal.firmwareUpdate ? (
            <span className="block text-xs font-normal text-amber-900">
              {t('devices.firmware.newer', { version: terminal.firmwareUpdate })}
            </span>
          ) : null}
          {canScheduleFirmware && terminal.firmwareUpdate ? (
            <ScheduleFirmwareUpdate terminal={terminal} />
          ) : null}
        </Field>
        <Field label={t('devices.terminal.store')}>
          <bdi>{terminal.storeName}</bdi>
        </Field>
        <Field label={t('devices.terminal.merchant')}>
          {href ? (
            <Link to={href} className="focus-ring rounded text-blue-800 underline underline-offset-2">
              <bdi>{terminal.merchantName}</bdi>
            </Link>
          ) : (
            <bdi>{terminal.merchantName}</bdi>
          )}
          <span className="block font-mono text-xs font-normal text-gray-700">{terminal.merchantId}</span>
        </Field>
      </dl>
    </Panel>
  );
}

function Status({
  terminal,
  serverNow,
  onCutoff,
  canRevokeCredential,
}: {
  terminal: TerminalView;
  serverNow: number;
  onCutoff: () => void;
  canRevokeCredential: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Panel title={t('devices.terminal.statusTitle')}>
      <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-3 sm:grid-cols-2">
        <Field label={t('devices.terminal.connectivity')}>
          <Connectivity status={terminal.status} lastSeenAt={terminal.lastSeenAt} serverNow={serverNow} />
          <span className="block text-xs font-normal text-gray-700">
            {t(
              terminal.status === 'online'
                ? 'devices.connectivity.nextExpected'
                : 'devices.connectivity.missedSince',
              {
                time: format.hourMinute(terminal.checkIn.nextExpectedAt),
              },
            )}
          </span>
        </Field>
        <Field label={t('devices.link.label')}>
          <TerminalLink checkIn={terminal.checkIn} />
          {canRevokeCredential && terminal.checkIn.credential === 'active' ? (
            <RevokeCredential tid={terminal.tid} />
          ) : null}
        </Field>
        <Field label={t('devices.terminal.batch')}>
          {t('devices.terminal.batchNumber', { number: terminal.batch.number })}
          <span className="block font-normal text-gray-800">
            {t('devices.terminal.cutoffAt', { time: format.dateTime(terminal.batch.cutoffAt) })}
          </span>
          <span className="block font-normal text-gray-800">
            <Countdown
              until={terminal.batch.cutoffAt}
              now={serverNow}
              onExpire={onCutoff}
              expired={t('devices.terminal.batchClosed')}
            >
              {(duration) => t('devices.terminal.cutoffIn', { duration })}
            </Countdown>
          </span>
        </Field>
      </dl>
    </Panel>
  );
}

function VoidPasswordPanel({
  terminal,
  serverNow,
  actions,
}: {
  terminal: TerminalDetail;
  serverNow: number;
  actions: ReactNode;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const vp = terminal.voidPassword;
  return (
    <Panel title={t('devices.voidPassword.title')}>
      <div className="mt-3 space-y-3">
        <VoidPasswordBadge voidPassword={vp} serverNow={serverNow} />
        {vp.state === 'default' ? (
          <Notice tone="warning">{t('devices.voidPassword.defaultRisk')}</Notice>
        ) : null}
        {vp.state === 'locked' && vp.lockedUntil ? (
          <Notice tone="warning">
            {t('devices.voidPassword.lockedExplained', {
              max: MAX_WRONG_ATTEMPTS,
              time: format.time(vp.lockedUntil),
            })}
          </Notice>
        ) : null}
        <dl className="grid grid-cols-1 gap-x-6 gap-y-3 sm:grid-cols-2">
          <Field label={t('devices.voidPassword.changedAt')}>
            {vp.changedAt ? (
              <time dateTime={vp.changedAt} title={format.dateTime(vp.changedAt)}>
                {format.date(vp.changedAt)} · {format.relative(vp.changedAt, serverNow)}
              </time>
            ) : (
              t('devices.voidPassword.neverChanged')
            )}
          </Field>
          <Field label={t('devices.voidPassword.failedAttempts')}>
            <span className={vp.failedAttempts > 0 ? 'text-amber-900' : undefined}>
              {t('devices.voidPassword.attemptsOf', { count: vp.failedAttempts, max: MAX_WRONG_ATTEMPTS })}
            </span>
          </Field>
        </dl>
        {actions ? <div className="flex flex-wrap gap-2 pt-1">{actions}</div> : null}
      </div>
    </Panel>
  );
}

function TerminalLink({ checkIn }: { checkIn: TerminalView['checkIn'] }) {
  const { t } = useTranslation();
  if (checkIn.credential !== 'active') return <>{t(`devices.link.${checkIn.credential}`)}</>;
  return (
    <>
      {checkIn.appVersion
        ? t('devices.link.activeWithApp', { seconds: checkIn.intervalSeconds, app: checkIn.appVersion })
        : t('devices.link.active', { seconds: checkIn.intervalSeconds })}
    </>
  );
}
