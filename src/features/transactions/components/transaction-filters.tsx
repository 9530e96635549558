import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PaymentMethod, TransactionStatus, TransactionType } from '@/api/schemas/transactions';
import { Button } from '@/components/button';
import { DateRangeFields } from '@/components/date-range-fields';
import { MerchantFilter } from '@/components/merchant-filter';
import { SearchField } from '@/components/search-field';
import { SelectField } from '@/components/select-field';
import { TerminalFilter } from '@/components/terminal-filter';
import type { UrlStatePatch } from '@/components/use-url-state';
import { transactionQueries } from '../api/queries';
import { CLEARED_FILTERS, hasFilters, isVoidableNowView, TransactionView } from '../api/transaction-view';
import type { Viewer } from '../api/viewer';

/** The store filter: the stores of the merchant chosen (or of every merchant in reach). */
export function StoreSelect({
  merchantId,
  value,
  onChange,
}: {
  merchantId: string | undefined;
  value: string | undefined;
  onChange: (storeId: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const stores = useQuery(transactionQueries.stores(merchantId));
  return (
    <SelectField
      label={t('transactions.filters.store')}
      value={value ?? ''}
      onChange={(event) => onChange(event.target.value || undefined)}
    >
      <option value="">{t('transactions.filters.anyStore')}</option>
      {/* A store from the link that is not (yet) among the choices still shows as chosen. */}
      {value && !stores.data?.some((store) => store.id === value) ? (
        <option value={value}>{value}</option>
      ) : null}
      {(stores.data ?? []).map((store) => (
        <option key={store.id} value={store.id}>
          {store.name}
        </option>
      ))}
    </SelectField>
  );
}

/**
 * Search and filters of the sales list. Every change goes to the URL (a new history entry);
 * what can be voided now is always an approved card sale, so status and type are offered
 * in "All transactions" only.
 */
export function TransactionFilters({
  view,
  onChange,
  viewer,
}: {
  view: TransactionView;
  onChange: (patch: UrlStatePatch<typeof TransactionView>) => void;
  viewer: Viewer;
}) {
  const { t } = useTranslation();
  const voidableNow = isVoidableNowView(view);
  return (
    <search className="block rounded-lg border border-gray-200 bg-white p-4">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <SearchField
          className="sm:col-span-2"
          label={t('transactions.search.label')}
          description={t('transactions.search.hint')}
          value={view.q ?? ''}
          onCommit={(q) => onChange({ q, sale: undefined })}
          maxLength={32}
          enterKeyHint="search"
        />
        <MerchantFilter
          value={view.merchantId}
          onChange={(merchantId) => onChange({ merchantId, storeId: undefined })}
          anyMerchant={viewer.role === 'support'}
          merchantIds={viewer.merchantIds}
        />
        <TerminalFilter value={view.terminalId} onChange={(terminalId) => onChange({ terminalId })} />
        <StoreSelect
          merchantId={view.merchantId}
          value={view.storeId}
          onChange={(storeId) => onChange({ storeId })}
        />
        <SelectField
          label={t('transactions.filters.method')}
          value={view.method ?? ''}
          onChange={(event) => onChange({ method: event.target.value })}
        >
          <option value="">{t('transactions.filters.anyMethod')}</option>
          {PaymentMethod.options.map((method) => (
            <option key={method} value={method}>
              {t(`transactions.method.${method}`)}
            </option>
          ))}
        </SelectField>
        {voidableNow ? null : (
          <>
            <SelectField
              label={t('transactions.filters.status')}
              value={view.status ?? ''}
              onChange={(event) => onChange({ status: event.target.value })}
            >
              <option value="">{t('transactions.filters.anyStatus')}</option>
              {TransactionStatus.options.map((status) => (
                <option key={status} value={status}>
                  {t(`transactions.status.${status}`)}
                </option>
              ))}
            </SelectField>
            <SelectField
              label={t('transactions.filters.type')}
              value={view.type ?? ''}
              onChange={(event) => onChange({ type: event.target.value })}
            >
              <option value="">{t('transactions.filters.anyType')}</option>
              {TransactionType.options.map((type) => (
                <option key={type} value={type}>
                  {t(`transactions.kind.${type}`)}
                </option>
              ))}
            </SelectField>
          </>
        )}
        <DateRangeFields
          className="sm:col-span-2"
          from={view.from}
          to={view.to}
          onChange={({ from, to }) => onChange({ from, to })}
        />
      </div>
      {hasFilters(view) ? (
        <div className="mt-3 flex justify-end">
          <Button variant="ghost" onClick={() => onChange(CLEARED_FILTERS)}>
            {t('transactions.filters.clear')}
          </Button>
        </div>
      ) : null}
    </search>
  );
}
