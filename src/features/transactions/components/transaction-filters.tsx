import { PaymentMethod, TransactionStatus, TransactionType } from '@contract/schemas/transactions';
import { DateRangeFields } from '@/components/date-range-fields';
import { FilterPanel } from '@/components/filter-panel';
import { MerchantFilter } from '@/components/merchant-filter';
import { SearchField } from '@/components/search-field';
import { SelectField } from '@/components/select-field';
import { StoreFilter } from '@/components/store-filter';
import { TerminalFilter } from '@/components/terminal-filter';
import type { UrlStatePatch } from '@/components/use-url-state';
import { useTranslation } from '@/i18n/use-translation';
import { CLEARED_FILTERS, hasFilters, isVoidableNowView, TransactionView } from '../api/transaction-view';
import type { Viewer } from '../api/viewer';

/**
 * A sale voidable now is always an approved card sale, so status and type are offered in "All transactions"
 * only.
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
  const active = [
    view.merchantId,
    view.terminalId,
    view.storeId,
    view.method,
    voidableNow ? undefined : view.status,
    voidableNow ? undefined : view.type,
    view.from,
    view.to,
  ].filter(Boolean).length;
  return (
    <FilterPanel
      activeCount={active}
      onClear={hasFilters(view) ? () => onChange(CLEARED_FILTERS) : undefined}
      primary={
        <SearchField
          className="sm:col-span-2"
          label={t('transactions.search.label')}
          description={t('transactions.search.hint')}
          value={view.q ?? ''}
          onCommit={(q) => onChange({ q, sale: undefined })}
          maxLength={32}
          enterKeyHint="search"
        />
      }
    >
      <MerchantFilter
        value={view.merchantId}
        onChange={(merchantId) => onChange({ merchantId, storeId: undefined })}
        anyMerchant={viewer.role === 'support'}
        merchantIds={viewer.merchantIds}
      />
      <TerminalFilter value={view.terminalId} onChange={(terminalId) => onChange({ terminalId })} />
      <StoreFilter
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
    </FilterPanel>
  );
}
