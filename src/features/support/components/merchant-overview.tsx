import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { isApiError } from '@/api/errors';
import { MerchantId } from '@contract/schemas/common';
import type { MerchantDetail } from '@contract/schemas/merchants';
import { BackLink } from '@/components/back-link';
import { ErrorNotice } from '@/components/error-notice';
import { MissingResource } from '@/components/missing-resource';
import { PageHeader } from '@/components/page-header';
import { Panel } from '@/components/panel';
import { PageSkeleton } from '@/components/skeleton';
import { paths } from '@/config/paths';
import { useFormat } from '@/i18n/use-format';
import { useTranslation } from '@/i18n/use-translation';
import { merchantQueries } from '../api/queries';

export function MerchantOverview({
  mid,
  storeHref,
  children,
}: {
  mid: string;
  storeHref: (storeId: string) => string;
  children: (merchant: MerchantDetail) => ReactNode;
}) {
  const valid = MerchantId.safeParse(mid).success;
  const { t } = useTranslation();
  const format = useFormat();
  const merchant = useQuery({ ...merchantQueries.detail(mid), enabled: valid });

  if (!valid || (merchant.isError && isApiError(merchant.error) && merchant.error.status === 404)) {
    return (
      <MissingResource
        title={t('support.merchant.notFoundTitle')}
        body={t('support.merchant.notFoundBody', { mid })}
        backTo={paths.merchants()}
        backLabel={t('support.merchant.backToSearch')}
      />
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
      <BackLink to={paths.merchants()} label={t('support.merchant.backToSearch')} />
      <PageHeader title={m.name} />
      <div className="space-y-6">
        <Panel title={t('support.merchant.facts')} titleClassName="sr-only">
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
        </Panel>
        <Panel
          title={t('support.merchant.stores', {
            count: m.stores.length,
            formatted: format.number(m.stores.length),
          })}
        >
          {m.stores.length === 0 ? (
            <p className="mt-2 text-sm text-gray-700">{t('support.merchant.noStores')}</p>
          ) : (
            <ul className="mt-3 grid grid-cols-1 gap-2 sm:grid-cols-2 lg:grid-cols-3">
              {m.stores.map((store) => (
                <li key={store.id} className="rounded-md border border-gray-200 px-3 py-2 text-sm">
                  <Link
                    to={storeHref(store.id)}
                    className="focus-ring rounded font-medium wrap-anywhere text-blue-800 underline-offset-2 hover:underline"
                  >
                    <bdi>{store.name}</bdi>
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
        </Panel>
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
