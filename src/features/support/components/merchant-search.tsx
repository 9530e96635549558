import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { EmptyState } from '@/components/empty-state';
import { ErrorNotice } from '@/components/error-notice';
import { SearchField } from '@/components/search-field';
import { ListSkeleton } from '@/components/skeleton';
import { useUrlState } from '@/components/use-url-state';
import { paths } from '@/config/paths';
import { useFormat } from '@/i18n/use-format';
import { useTranslation } from '@/i18n/use-translation';
import { merchantQueries, MerchantSearchView } from '../api/queries';

export function MerchantSearch() {
  const { t } = useTranslation();
  const format = useFormat();
  const [view, setView] = useUrlState(MerchantSearchView);
  const q = view.q ?? '';
  const results = useQuery({ ...merchantQueries.search(q), enabled: q !== '' });

  return (
    <div className="space-y-4">
      <SearchField
        label={t('support.search.label')}
        description={t('support.search.hint')}
        value={q}
        onCommit={(next) => setView({ q: next })}
        maxLength={64}
        className="max-w-xl"
      />
      {q === '' ? (
        <p className="text-sm text-gray-700">{t('support.search.start')}</p>
      ) : results.isPending ? (
        <ListSkeleton rowClassName="h-14" />
      ) : results.isError ? (
        <ErrorNotice error={results.error} onRetry={() => void results.refetch()} />
      ) : (
        <>
          <p role="status" className="text-sm text-gray-800">
            {t('support.search.found', {
              count: results.data.items.length,
              formatted: format.number(results.data.items.length),
            })}
          </p>
          {results.data.items.length === 0 ? (
            <EmptyState title={t('support.search.noneTitle')}>{t('support.search.noneBody')}</EmptyState>
          ) : (
            <ul
              aria-label={t('support.search.results')}
              className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white"
            >
              {results.data.items.map((merchant) => (
                <li
                  key={merchant.id}
                  className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 p-3"
                >
                  <div className="min-w-0">
                    <Link
                      to={paths.merchant(merchant.id)}
                      className="focus-ring rounded font-semibold wrap-anywhere text-blue-800 underline-offset-2 hover:underline"
                    >
                      <bdi>{merchant.name}</bdi>
                    </Link>
                    <p className="font-mono text-xs text-gray-700">
                      <span className="font-sans">{t('support.merchant.mid')}</span> {merchant.id}
                      {' · '}
                      <span className="font-sans">{t('support.merchant.phone')}</span> {merchant.phoneMasked}
                    </p>
                  </div>
                  <p className="text-sm text-gray-800">
                    {t('support.merchant.storeCount', {
                      count: merchant.storeCount,
                      formatted: format.number(merchant.storeCount),
                    })}
                    {' · '}
                    {t('support.merchant.terminalCount', {
                      count: merchant.terminalCount,
                      formatted: format.number(merchant.terminalCount),
                    })}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
