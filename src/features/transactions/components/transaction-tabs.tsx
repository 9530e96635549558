import { Link, useLocation } from 'react-router';
import { paths } from '@/config/paths';
import { useTranslation } from '@/i18n/use-translation';

type Tab = 'voidable' | 'all' | 'voids';

const SHARED_PARAMS = ['merchantId', 'terminalId', 'storeId'] as const;
const SALES_PARAMS = ['q', 'method', 'from', 'to'] as const;

function hrefOf(tab: Tab, current: URLSearchParams, fromSales: boolean): string {
  const next = new URLSearchParams();
  const keep = tab !== 'voids' && fromSales ? [...SHARED_PARAMS, ...SALES_PARAMS] : SHARED_PARAMS;
  for (const key of keep) {
    const value = current.get(key);
    if (value) next.set(key, value);
  }
  if (tab === 'all') {
    next.set('voidable', 'all');
    for (const key of ['status', 'type'] as const) {
      const value = current.get(key);
      if (value && fromSales) next.set(key, value);
    }
  }
  next.sort();
  const search = Object.fromEntries(next);
  return tab === 'voids' ? paths.voids(search) : paths.transactions(search);
}

export function TransactionTabs({ voidReview }: { voidReview: boolean }) {
  const { t } = useTranslation();
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  const fromSales = location.pathname !== paths.voids();
  const active: Tab = !fromSales ? 'voids' : params.get('voidable') === 'all' ? 'all' : 'voidable';
  const tabs: Tab[] = voidReview ? ['voidable', 'all', 'voids'] : ['voidable', 'all'];
  return (
    <nav aria-label={t('transactions.tabs.label')} className="mb-4 border-b border-gray-200">
      <ul className="-mb-px flex flex-wrap gap-x-1">
        {tabs.map((tab) => (
          <li key={tab}>
            <Link
              to={hrefOf(tab, params, fromSales)}
              aria-current={tab === active ? 'page' : undefined}
              className={[
                'focus-ring inline-block rounded-t-md border-b-2 px-3 py-2 text-sm font-medium',
                tab === active
                  ? 'border-blue-700 text-blue-800'
                  : 'border-transparent text-gray-700 hover:border-gray-300 hover:text-gray-900',
              ].join(' ')}
            >
              {t(`transactions.tabs.${tab}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
