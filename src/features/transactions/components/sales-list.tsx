import {
  keepPreviousData,
  type InfiniteData,
  useInfiniteQuery,
  type UseInfiniteQueryResult,
  useQueryClient,
} from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { TransactionListItem, TransactionPage } from '@contract/schemas/transactions';
import { Button } from '@/components/button';
import { EmptyState } from '@/components/empty-state';
import { ExportButton } from '@/components/export-button';
import { useAnswerClockAnchor, useServerNow } from '@/components/use-server-now';
import { useUrlState } from '@/components/use-url-state';
import { useInfiniteListProps, VirtualList } from '@/components/virtual-list';
import { useFormat } from '@/i18n/use-format';
import { useTranslation } from '@/i18n/use-translation';
import { exportTransactions } from '../api/export';
import { transactionQueries, type TransactionListQuery } from '../api/queries';
import {
  CLEARED_FILTERS,
  hasFilters,
  isVoidableNowView,
  listQueryOf,
  TransactionView,
} from '../api/transaction-view';
import type { Viewer } from '../api/viewer';
import { hasJustExpired } from '../api/voidability';
import { TransactionDetailDialog } from './transaction-detail-dialog';
import { TransactionFilters } from './transaction-filters';
import { rowLayouts, TransactionHeader, TransactionRow } from './transaction-row';

const itemsOf = (page: TransactionPage) => page.items;
const idOf = (tx: TransactionListItem) => tx.id;

/** "Voidable now" refreshes itself: a sale just made at the counter shows up within this. */
const VOIDABLE_REFRESH_MS = 15_000;
/** A long scroll is not refetched behind the user's back. */
const AUTO_REFRESH_MAX_PAGES = 3;

export function SalesList({ viewer }: { viewer: Viewer }) {
  const [view, setView] = useUrlState(TransactionView);
  const query = useMemo(() => listQueryOf(view), [view]);
  const queryKey = JSON.stringify(query);
  const list = useInfiniteQuery({ ...transactionQueries.list(query), placeholderData: keepPreviousData });
  const queryClient = useQueryClient();
  const voidableNow = isVoidableNowView(view);

  const refresh = useCallback(() => {
    queryClient
      .fetchInfiniteQuery({ ...transactionQueries.list(query, { background: true }), staleTime: 0 })
      .catch(() => undefined); // the next tick, or the user, tries again
    // `query` is rebuilt from the same URL on every render: the key says when it changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [queryClient, queryKey]);

  const pageCount = list.data?.pages.length ?? 0;
  useEffect(() => {
    if (!voidableNow || pageCount === 0 || pageCount > AUTO_REFRESH_MAX_PAGES) return;
    const timer = setInterval(refresh, VOIDABLE_REFRESH_MS);
    return () => clearInterval(timer);
  }, [voidableNow, pageCount, refresh]);

  return (
    <div className="space-y-4">
      <TransactionFilters view={view} onChange={setView} viewer={viewer} />
      <LiveSalesTable
        list={list}
        query={query}
        view={view}
        viewer={viewer}
        onRefresh={refresh}
        onOpen={(tx) => setView({ sale: tx.id })}
        onShowAll={() => setView({ voidable: 'all', sale: undefined })}
        onClearFilters={() => setView(CLEARED_FILTERS)}
      />
      <TransactionDetailDialog
        id={view.sale}
        onOpen={(id) => setView({ sale: id })}
        onClose={() => setView({ sale: undefined }, { replace: true })}
      />
    </div>
  );
}

/** Only this part ticks every second with the server clock. */
function LiveSalesTable({
  list,
  query,
  view,
  viewer,
  onRefresh,
  onOpen,
  onShowAll,
  onClearFilters,
}: {
  list: UseInfiniteQueryResult<InfiniteData<TransactionPage>>;
  query: TransactionListQuery;
  view: TransactionView;
  viewer: Viewer;
  onRefresh: () => void;
  onOpen: (tx: TransactionListItem) => void;
  onShowAll: () => void;
  onClearFilters: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const voidableNow = isVoidableNowView(view);
  const listProps = useInfiniteListProps(list, itemsOf);
  const latest = list.data?.pages.at(-1);
  const serverNow = useServerNow(
    useAnswerClockAnchor(list.isPlaceholderData ? undefined : latest?.serverTime, list.dataUpdatedAt),
  );

  // Announced only for sales seen voidable in this view: rows kept from another query, tab or visit say
  // nothing about what just happened.
  const expired = serverNow === null ? [] : listProps.items.filter((tx) => hasJustExpired(tx, serverNow));
  const expiredKey = expired.map(idOf).join(' ');
  const viewKey = JSON.stringify(query);
  const shownVoidable = useShownVoidable(listProps.items, serverNow, viewKey, !list.isPlaceholderData);
  const passedWhileShown = expired.filter((tx) => shownVoidable.has(tx.id));
  const passedKey = passedWhileShown.map(idOf).join(' ');
  const [announcement, setAnnouncement] = useState({ passedKey: '', viewKey: '', message: '' });
  if (passedKey && passedKey !== announcement.passedKey) {
    const first = passedWhileShown[0]!;
    setAnnouncement({
      passedKey,
      viewKey,
      message:
        passedWhileShown.length === 1
          ? t('transactions.expiredOne', { traceNo: first.traceNo, amount: format.money(first.amount) })
          : t('transactions.expiredMany', {
              count: passedWhileShown.length,
              formatted: format.number(passedWhileShown.length),
            }),
    });
  }
  useEffect(() => {
    if (expiredKey) onRefresh();
  }, [expiredKey, onRefresh]);

  const hidden = voidableNow ? expired : [];
  const items = hidden.length === 0 ? listProps.items : listProps.items.filter((tx) => !hidden.includes(tx));
  const hiddenAmount = hidden.reduce((sum, tx) => sum + tx.amount, 0);
  const summary = latest && {
    count: Math.max(0, latest.summary.count - hidden.length),
    amount: latest.summary.amount - hiddenAmount,
  };
  const filtered = hasFilters(view);

  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <p className="text-sm text-gray-900" aria-busy={list.isPlaceholderData || undefined}>
          {summary ? (
            <span className="font-semibold">
              {t(voidableNow ? 'transactions.totals.voidable' : 'transactions.totals.all', {
                count: summary.count,
                formatted: format.number(summary.count),
                amount: format.money(summary.amount),
              })}
            </span>
          ) : null}
        </p>
        {viewer.canExport ? (
          <ExportButton
            download={(options) => exportTransactions(query, options)}
            fallbackName="transactions.csv"
            disabled={!summary || summary.count === 0}
          />
        ) : null}
      </div>
      <div aria-live="polite" aria-atomic="true">
        {announcement.message && announcement.viewKey === viewKey ? (
          <p className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
            {announcement.message}
          </p>
        ) : null}
      </div>
      <VirtualList
        {...listProps}
        items={items}
        total={listProps.total === undefined ? undefined : listProps.total - hidden.length}
        label={t(voidableNow ? 'transactions.list.voidable' : 'transactions.list.all')}
        getKey={idOf}
        header={<TransactionHeader kind="sales" />}
        headerClassName={rowLayouts.sales.header}
        rowClassName={rowLayouts.sales.row}
        estimateRowHeight={76}
        renderRow={(tx) => <TransactionRow tx={tx} kind="sales" now={serverNow} onOpen={onOpen} />}
        empty={
          <EmptyState
            title={t(
              filtered
                ? 'transactions.empty.filteredTitle'
                : voidableNow
                  ? 'transactions.empty.voidableTitle'
                  : 'transactions.empty.allTitle',
            )}
          >
            <p>
              {t(
                filtered
                  ? voidableNow
                    ? 'transactions.empty.filteredVoidableBody'
                    : 'transactions.empty.filteredBody'
                  : voidableNow
                    ? 'transactions.empty.voidableBody'
                    : 'transactions.empty.allBody',
              )}
            </p>
            <div className="mt-4 flex flex-wrap justify-center gap-2">
              {voidableNow ? <Button onClick={onShowAll}>{t('transactions.empty.searchAll')}</Button> : null}
              {filtered ? (
                <Button variant="secondary" onClick={onClearFilters}>
                  {t('transactions.filters.clear')}
                </Button>
              ) : null}
            </div>
          </EmptyState>
        }
      />
    </>
  );
}

function useShownVoidable(
  items: readonly TransactionListItem[],
  now: number | null,
  viewKey: string,
  answered: boolean,
): ReadonlySet<string> {
  const [shown, setShown] = useState<{
    viewKey: string;
    items: readonly TransactionListItem[] | null;
    ids: ReadonlySet<string>;
  }>({ viewKey, items: null, ids: new Set() });
  const sameView = shown.viewKey === viewKey;
  if (answered && now !== null && (!sameView || shown.items !== items)) {
    const ids = new Set(sameView ? shown.ids : []);
    for (const tx of items) if (tx.voidable && !hasJustExpired(tx, now)) ids.add(tx.id);
    setShown({ viewKey, items, ids });
    return ids;
  }
  return sameView ? shown.ids : new Set();
}
