import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '@/api/errors';
import { MerchantId } from '@/api/schemas/common';
import type { MerchantDetail } from '@/api/schemas/merchants';
import { buttonClasses } from '@/components/button';
import { ErrorNotice } from '@/components/error-notice';
import { PageHeader } from '@/components/page-header';
import { PageSkeleton } from '@/components/skeleton';
import { useFormat } from '@/i18n/use-format';
import { merchantQueries } from '../api/queries';

/**
 * A merchant as support sees it: who they are, their payout mode (D0 sales cannot be
 * voided), their stores, and — from the page — their terminals. An unknown MID is "not found".
 */
export function MerchantOverview({
  mid,
  storeHref,
  children,
}: {
  mid: string;
  /** Link of a store: the merchant's terminals filtered to it. */
  storeHref: (storeId: string) => string;
  /** The merchant's terminals (the fleet list), placed under the stores. */
  children: (merchant: MerchantDetail) => ReactNode;
}) {
  const valid = MerchantId.safeParse(mid).success;
  const { t } = useTranslation();
  const format = useFormat();
  const merchant = useQuery({ ...merchantQueries.detail(mid), enabled: valid });

  if (!valid || (merchant.isError && isApiError(merchant.error) && merchant.error.status === 404)) {
    return (
      <>
        <PageHeader title={t('support.merchant.notFoundTitle')} />
        <p className="mb-6 max-w-prose text-gray-800">{t('support.merchant.notFoundBody', { mid })}</p>
        <Link to="/merchants" className={buttonClasses('primary')}>
          {t('support.merchant.backToSearch')}
        </Link>
      </>
    );
  }
  if (merchant.isPending) return <PageSkeleton />;
  if (merchant.isError) {
    return (
      <>
        <PageHeader title={t('support.merchant.title')} />
        <ErrorNotice error={merchant.error} onRetry={() => void merchant.refetch()} />
      </>
    );
  }

  const m = merchant.data;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to="/merchants" className="focus-ring rounded text-blue-800 underline underline-offset-2">
          <span aria-hidden="true">← </span>
          {t('support.merchant.backToSearch')}
        </Link>
      </p>
      <PageHeader title={m.name} />
      <div className="space-y-6">
        <section
          aria-labelledby="merchant-facts"
          className="rounded-lg border border-gray-200 bg-white p-4 sm:p-6"
        >
          <h2 id="merchant-facts" className="sr-only">
            {t('support.merchant.facts')}
          </h2>
          <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-3">
            <div>
              <dt className="text-gray-700">{t('support.merchant.mid')}</dt>
              <dd className="font-mono font-medium">{m.id}</dd>
            </div>
            <div>
              <dt className="text-gray-700">{t('support.merchant.phone')}</dt>
              <dd className="font-mono font-medium">{m.phoneMasked}</dd>
            </div>
            <div>
              <dt className="text-gray-700">{t('support.merchant.payout')}</dt>
              <dd className="font-medium">
                {t(m.payoutMode === 'D0' ? 'support.merchant.payoutD0' : 'support.merchant.payoutT1')}
              </dd>
            </div>
          </dl>
        </section>
        <section
          aria-labelledby="merchant-stores"
          className="rounded-lg border border-gray-200 bg-white p-4 sm:p-6"
        >
          <h2 id="merchant-stores" className="text-lg font-semibold text-gray-900">
            {t('support.merchant.stores', {
              count: m.stores.length,
              formatted: format.number(m.stores.length),
            })}
          </h2>
          {m.stores.length === 0 ? (
            <p className="mt-2 text-sm text-gray-700">{t('support.merchant.noStores')}</p>
          ) : (
            <ul className="mt-3 grid grid-cols-1 gap-2 sm:grid-cols-2 lg:grid-cols-3">
              {m.stores.map((store) => (
                <li key={store.id} className="rounded-md border border-gray-200 px-3 py-2 text-sm">
                  <Link
                    to={storeHref(store.id)}
                    className="focus-ring rounded font-medium text-blue-800 underline-offset-2 hover:underline"
                  >
                    {store.name}
                  </Link>
                  <p className="text-xs text-gray-700">
                    {store.city} ·{' '}
                    {t('support.merchant.terminalCount', {
                      count: store.terminalCount,
                      formatted: format.number(store.terminalCount),
                    })}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="merchant-terminals" className="space-y-3">
          <h2 id="merchant-terminals" className="text-lg font-semibold text-gray-900">
            {t('support.merchant.terminals')}
          </h2>
          {children(m)}
        </section>
      </div>
    </>
  );
}
