import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { TransactionListItem, TransactionPage, VoidSummaryQuery } from '@contract/schemas/transactions';
import { Button } from '@/components/button';
import { DateRangeFields } from '@/components/date-range-fields';
import { EmptyState } from '@/components/empty-state';
import { ErrorNotice } from '@/components/error-notice';
import { ExportButton } from '@/components/export-button';
import { FilterPanel } from '@/components/filter-panel';
import { MerchantFilter } from '@/components/merchant-filter';
import { SelectField } from '@/components/select-field';
import { Skeleton } from '@/components/skeleton';
import { StoreFilter } from '@/components/store-filter';
import { TerminalFilter } from '@/components/terminal-filter';
import { useUrlState } from '@/components/use-url-state';
import { useInfiniteListProps, VirtualList } from '@/components/virtual-list';
import { useFormat } from '@/i18n/use-format';
import { useTranslation } from '@/i18n/use-translation';
import { exportTransactions } from '../api/export';
import { transactionQueries, type TransactionListQuery } from '../api/queries';
import {
  businessToday,
  DEFAULT_VOID_PERIOD,
  periodRange,
  VoidPeriod,
  VoidsView,
} from '../api/transaction-view';
import type { Viewer } from '../api/viewer';
import { TransactionDetailDialog } from './transaction-detail-dialog';
import { rowLayouts, TransactionHeader, TransactionRow } from './transaction-row';
import { VoidBursts, VoidSummaryTables } from './void-summary';

const itemsOf = (page: TransactionPage) => page.items;
const idOf = (tx: TransactionListItem) => tx.id;

export function VoidsReview({ viewer }: { viewer: Viewer }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [view, setView] = useUrlState(VoidsView);
  const period = view.period ?? DEFAULT_VOID_PERIOD;

  const filter: VoidSummaryQuery = useMemo(
    () => ({
      merchantId: view.merchantId,
      terminalId: view.terminalId,
      storeId: view.storeId,
      ...periodRange(view, businessToday()),
    }),
    [view],
  );
  const listQuery: TransactionListQuery = useMemo(
    () => ({ ...filter, type: 'void', operatorNo: view.operatorNo }),
    [filter, view.operatorNo],
  );

  const summary = useQuery({ ...transactionQueries.voidSummary(filter), placeholderData: keepPreviousData });
  const list = useInfiniteQuery({ ...transactionQueries.list(listQuery), placeholderData: keepPreviousData });
  const listProps = useInfiniteListProps(list, itemsOf);

  return (
    <div className="space-y-4">
      <FilterPanel
        activeCount={[view.merchantId, view.terminalId, view.storeId, view.operatorNo].filter(Boolean).length}
        onClear={() =>
          setView({ merchantId: undefined, terminalId: undefined, storeId: undefined, operatorNo: undefined })
        }
        primary={
          <SelectField
            label={t('voids.period.label')}
            value={period}
            onChange={(event) => {
              const next = VoidPeriod.parse(event.target.value);
              setView({ period: next === DEFAULT_VOID_PERIOD ? undefined : next });
            }}
          >
            {VoidPeriod.options.map((option) => (
              <option key={option} value={option}>
                {t(`voids.period.${option}`)}
              </option>
            ))}
          </SelectField>
        }
      >
        {period === 'custom' ? (
          <DateRangeFields
            className="sm:col-span-2 lg:col-span-3"
            from={view.from}
            to={view.to}
            onChange={({ from, to }) => setView({ from, to })}
          />
        ) : null}
        <MerchantFilter
          value={view.merchantId}
          onChange={(merchantId) => setView({ merchantId, storeId: undefined })}
          anyMerchant={viewer.role === 'support'}
          merchantIds={viewer.merchantIds}
        />
        <TerminalFilter
          value={view.terminalId}
          onChange={(terminalId) => setView({ terminalId, operatorNo: undefined })}
        />
        <StoreFilter
          merchantId={view.merchantId}
          value={view.storeId}
          onChange={(storeId) => setView({ storeId })}
        />
      </FilterPanel>

      {summary.isPending ? (
        <div aria-busy="true" className="space-y-2">
          <Skeleton className="h-6 w-64" />
          <Skeleton className="h-40 w-full" />
        </div>
      ) : summary.isError ? (
        <ErrorNotice error={summary.error} onRetry={() => void summary.refetch()} />
      ) : (
        <>
          <p className="text-sm text-gray-900" aria-busy={summary.isPlaceholderData || undefined}>
            <span className="font-semibold">
              {t('voids.total', {
                count: summary.data.total.count,
                formatted: format.number(summary.data.total.count),
                amount: format.money(summary.data.total.amount),
              })}
            </span>{' '}
            {t(`voids.inPeriod.${period}`)}
          </p>
          <VoidBursts
            bursts={summary.data.bursts}
            onShow={(burst) => setView({ terminalId: burst.tid, operatorNo: burst.operatorNo })}
          />
          {summary.data.total.count > 0 ? (
            <VoidSummaryTables
              summary={summary.data}
              onShowOperator={(terminalId, operatorNo) => setView({ terminalId, operatorNo })}
              onShowTerminal={(terminalId) => setView({ terminalId, operatorNo: undefined })}
            />
          ) : null}
        </>
      )}

      <section aria-labelledby="voids-list-title" className="space-y-3">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h2 id="voids-list-title" className="text-base font-semibold text-gray-900">
              {t('voids.list.title')}
            </h2>
            {view.operatorNo && view.terminalId ? (
              <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-gray-800">
                {t('voids.list.onlyOperator', { operatorNo: view.operatorNo, tid: view.terminalId })}
                <Button
                  variant="ghost"
                  className="px-2 py-1"
                  onClick={() => setView({ operatorNo: undefined })}
                >
                  {t('voids.list.everyOperator')}
                </Button>
              </p>
            ) : null}
          </div>
          {viewer.canExport ? (
            <ExportButton
              download={(options) => exportTransactions(listQuery, options)}
              fallbackName="voids.csv"
              disabled={listProps.total === 0}
            />
          ) : null}
        </div>
        <VirtualList
          {...listProps}
          label={t('voids.list.title')}
          getKey={idOf}
          header={<TransactionHeader kind="voids" />}
          headerClassName={rowLayouts.voids.header}
          rowClassName={rowLayouts.voids.row}
          estimateRowHeight={76}
          renderRow={(tx) => (
            <TransactionRow tx={tx} kind="voids" now={null} onOpen={(row) => setView({ sale: row.id })} />
          )}
          empty={
            <EmptyState title={t('voids.empty.title')}>
              <p>{t('voids.empty.body')}</p>
            </EmptyState>
          }
        />
      </section>

      <TransactionDetailDialog
        id={view.sale}
        onOpen={(id) => setView({ sale: id })}
        onClose={() => setView({ sale: undefined }, { replace: true })}
      />
    </div>
  );
}
