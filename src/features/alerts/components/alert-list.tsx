import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Alert } from '@contract/schemas/alerts';
import { ErrorNotice } from '@/components/error-notice';
import { Skeleton } from '@/components/skeleton';
import { type LinkSearch, paths } from '@/config/paths';
import { useFormat } from '@/i18n/use-format';
import { useTranslation } from '@/i18n/use-translation';
import { alertQueries } from '../api/queries';

const severityStyle: Record<Alert['severity'], string> = {
  info: 'border-blue-200 bg-blue-50 text-blue-900',
  warning: 'border-amber-300 bg-amber-50 text-amber-950',
  critical: 'border-red-300 bg-red-50 text-red-900',
};

/** Support works merchant by merchant, so a merchant-wide alert opens that merchant's page. */
export function alertActionOf(
  alert: Alert,
  { perMerchant }: { perMerchant: boolean },
): { to: string; label: 'default_password' | 'stale_password' | 'terminal' | 'void_burst' } | null {
  const terminalsOf = (search?: LinkSearch) =>
    perMerchant ? paths.merchant(alert.merchantId, search) : paths.terminals(search);
  switch (alert.kind) {
    case 'default_password':
      return { to: terminalsOf({ passwordState: 'default' }), label: 'default_password' };
    case 'stale_password':
      return { to: terminalsOf({ passwordAge: 'stale' }), label: 'stale_password' };
    case 'lockout':
    case 'offline':
      return alert.tid ? { to: paths.terminal(alert.tid), label: 'terminal' } : null;
    case 'void_burst':
      return {
        to: paths.voids({ terminalId: alert.tid }),
        label: 'void_burst',
      };
  }
}

/** Described from kind and numbers in the user's language: the server's free-text summary is not shown. */
export function AlertList({ perMerchant = false }: { perMerchant?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const alerts = useQuery(alertQueries.list());

  return (
    <section aria-labelledby="alerts-title" className="rounded-lg border border-gray-200 bg-white p-4 sm:p-6">
      <h2 id="alerts-title" className="text-lg font-semibold text-gray-900">
        {t('alerts.title')}
      </h2>
      <div className="mt-4">
        {alerts.isPending ? (
          <div aria-busy="true" className="space-y-2">
            <p role="status" className="sr-only">
              {t('app.loading')}
            </p>
            <Skeleton className="h-12 w-full" />
            <Skeleton className="h-12 w-full" />
          </div>
        ) : alerts.isError ? (
          <ErrorNotice error={alerts.error} onRetry={() => void alerts.refetch()} />
        ) : alerts.data.items.length === 0 ? (
          <p className="text-sm text-gray-700">{t('alerts.empty')}</p>
        ) : (
          <ul className="space-y-2">
            {alerts.data.items.map((alert) => (
              <li
                key={alert.id}
                className={`rounded-md border px-3 py-2 text-sm ${severityStyle[alert.severity]}`}
              >
                <div className="flex flex-wrap items-baseline justify-between gap-x-3">
                  <p className="font-medium">
                    <span className="mr-2 font-semibold">{t(`alerts.severity.${alert.severity}`)}</span>
                    {t(`alerts.kind.${alert.kind}`)}
                  </p>
                  <time dateTime={alert.createdAt} title={format.dateTime(alert.createdAt)}>
                    {format.relative(alert.createdAt, alerts.data.serverTime)}
                  </time>
                </div>
                <div className="mt-0.5 flex flex-wrap items-baseline justify-between gap-x-3">
                  <p>
                    {alert.tid
                      ? t('alerts.terminal', { tid: alert.tid })
                      : t('alerts.merchant', { mid: alert.merchantId })}
                    {alert.count !== undefined ? ` · ${t('alerts.count', { count: alert.count })}` : null}
                  </p>
                  <AlertAction alert={alert} perMerchant={perMerchant} />
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function AlertAction({ alert, perMerchant }: { alert: Alert; perMerchant: boolean }) {
  const { t } = useTranslation();
  const action = alertActionOf(alert, { perMerchant });
  if (!action) return null;
  return (
    <Link to={action.to} className="focus-ring rounded font-medium underline underline-offset-2">
      {t(`alerts.action.${action.label}`, { tid: alert.tid ?? '' })}
    </Link>
  );
}
