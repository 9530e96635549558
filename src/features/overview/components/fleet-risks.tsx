import { Link } from 'react-router';
import { paths } from '@/config/paths';
import { useFormat } from '@/i18n/use-format';
import { useTranslation } from '@/i18n/use-translation';
import type { Overview } from '@contract/schemas/overview';

interface Risk {
  key: 'factoryPassword' | 'locked' | 'offline' | 'openCommands' | 'stalePasswords' | 'outdatedFirmware';
  count: number;
  to: string;
  risk: boolean;
}

/** A count the acquirer leaves out (for a cashier: decision 010) has no tile. */
export function FleetRisks({ terminals }: { terminals: Overview['terminals'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const candidates: (Omit<Risk, 'count'> & { count: number | undefined })[] = [
    {
      key: 'factoryPassword',
      count: terminals.factoryPassword,
      to: paths.terminals({ passwordState: 'default' }),
      risk: true,
    },
    { key: 'locked', count: terminals.locked, to: paths.terminals({ passwordState: 'locked' }), risk: true },
    { key: 'offline', count: terminals.offline, to: paths.terminals({ status: 'offline' }), risk: true },
    {
      key: 'openCommands',
      count: terminals.openCommands,
      to: paths.terminals({ command: 'open' }),
      risk: false,
    },
    {
      key: 'stalePasswords',
      count: terminals.stalePasswords,
      to: paths.terminals({ passwordAge: 'stale' }),
      risk: true,
    },
    {
      key: 'outdatedFirmware',
      count: terminals.outdatedFirmware,
      to: paths.terminals({ firmware: 'outdated' }),
      risk: true,
    },
  ];
  const risks = candidates.filter((risk): risk is Risk => risk.count !== undefined);
  return (
    <section
      aria-labelledby="fleet-risks-title"
      className="rounded-lg border border-gray-200 bg-white p-4 sm:p-6"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="fleet-risks-title" className="text-lg font-semibold text-gray-900">
          {t('overview.security.title')}
        </h2>
        <Link
          to={paths.terminals()}
          className="focus-ring rounded text-sm font-medium text-blue-800 underline"
        >
          {t('overview.security.allTerminals', {
            count: terminals.total,
            formatted: format.number(terminals.total),
          })}
        </Link>
      </div>
      <ul
        className={`mt-4 grid grid-cols-2 gap-3 ${risks.length > 2 ? 'lg:grid-cols-3 xl:grid-cols-6' : ''}`}
      >
        {risks.map((item) => {
          const attention = item.risk && item.count > 0;
          const body = (
            <>
              <span
                className={`block text-3xl font-semibold tabular-nums ${attention ? 'text-red-800' : 'text-gray-900'}`}
              >
                {format.number(item.count)}
              </span>{' '}
              <span className="mt-1 block text-sm text-gray-800">
                {t(`overview.security.${item.key}`, { days: terminals.stalePasswordDays })}
              </span>
            </>
          );
          const tile = `block h-full rounded-md border p-3 ${attention ? 'border-red-200 bg-red-50' : 'border-gray-200 bg-gray-50'}`;
          return (
            <li key={item.key}>
              {item.count > 0 ? (
                <Link to={item.to} className={`focus-ring ${tile} hover:border-blue-400`}>
                  {body}{' '}
                  <span className="mt-2 block text-sm font-medium text-blue-800 underline">
                    {t('overview.security.show')}
                  </span>
                </Link>
              ) : (
                <div className={tile}>{body}</div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
