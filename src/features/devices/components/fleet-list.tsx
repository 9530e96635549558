import { keepPreviousData, useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { type FleetQuery, terminalQueries } from '@/api/queries/terminals';
import { Button } from '@/components/button';
import { EmptyState } from '@/components/empty-state';
import { ExportButton } from '@/components/export-button';
import { useAnswerClockAnchor, useServerNow } from '@/components/use-server-now';
import { useUrlState } from '@/components/use-url-state';
import { useInfiniteListProps, VirtualList } from '@/components/virtual-list';
import { useFormat } from '@/i18n/use-format';
import { useTranslation } from '@/i18n/use-translation';
import type {
  TerminalFilter,
  TerminalPage,
  TerminalSelection,
  TerminalSummary,
} from '@contract/schemas/terminals';
import { exportTerminals } from '../api/export';
import { CLEARED_FILTERS, FleetView, isFiltered, withoutVoidPasswordParts } from '../api/fleet-view';
import { FleetFilters, FleetSort } from './fleet-filters';
import { FleetHeader, fleetRowLayout, TerminalRow } from './terminal-row';

const itemsOf = (page: TerminalPage) => page.items;
const tidOf = (terminal: TerminalSummary) => terminal.tid;

const AUTO_REFRESH_MAX_PAGES = 3;
const AUTO_REFRESH_MS = 60_000;

type SelectionState = { viewKey: string } & ({ mode: 'ids'; tids: ReadonlySet<string> } | { mode: 'filter' });

export interface FleetListProps {
  merchantId?: string;
  selectable?: boolean;
  /** `clear` empties the selection, e.g. after the action started. */
  bulkActions?: (selection: TerminalSelection, controls: { clear: () => void }) => ReactNode;
  canExport?: boolean;
  showMerchant?: boolean;
  /** Off for a cashier (decision 010), whose list also ignores such filters in a link. */
  voidPasswords?: boolean;
}

export function FleetList({
  merchantId,
  selectable = false,
  bulkActions,
  canExport = false,
  showMerchant = false,
  voidPasswords = false,
}: FleetListProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [urlView, setView] = useUrlState(FleetView);
  const view = voidPasswords ? urlView : withoutVoidPasswordParts(urlView);

  const filter: TerminalFilter = useMemo(
    () => ({
      merchantId,
      q: view.q,
      status: view.status,
      passwordState: view.passwordState,
      passwordAge: view.passwordAge,
      command: view.command,
      storeId: view.storeId,
      model: view.model,
      firmware: view.firmware,
    }),
    [
      merchantId,
      view.q,
      view.status,
      view.passwordState,
      view.passwordAge,
      view.command,
      view.storeId,
      view.model,
      view.firmware,
    ],
  );
  const query: FleetQuery = useMemo(() => ({ ...filter, sort: view.sort }), [filter, view.sort]);
  const viewKey = JSON.stringify(filter);

  const list = useInfiniteQuery({ ...terminalQueries.list(query), placeholderData: keepPreviousData });
  const listProps = useInfiniteListProps(list, itemsOf);
  const pages = list.data?.pages;
  const latest = pages?.at(-1);
  const serverNow = useServerNow(
    useAnswerClockAnchor(list.isPlaceholderData ? undefined : latest?.serverTime, list.dataUpdatedAt),
  );

  // A short list stays fresh on its own ("last seen", online/offline); a long scroll is not refetched behind the user's back.
  const pageCount = pages?.length ?? 0;
  useEffect(() => {
    if (pageCount === 0 || pageCount > AUTO_REFRESH_MAX_PAGES) return;
    const timer = setInterval(() => {
      queryClient
        .fetchInfiniteQuery({ ...terminalQueries.list(query, { background: true }), staleTime: 0 })
        .catch(() => undefined); // the next tick or the user's own refresh tries again
    }, AUTO_REFRESH_MS);
    return () => clearInterval(timer);
  }, [pageCount, query, queryClient]);

  const [selectionState, setSelectionState] = useState<SelectionState | null>(null);
  const current = selectionState?.viewKey === viewKey ? selectionState : null;
  const loadedTids = listProps.items.map(tidOf);
  const total = latest?.total ?? 0;
  const allLoaded = !list.hasNextPage;
  const isSelected = (tid: string) =>
    current?.mode === 'filter' || (current?.mode === 'ids' && current.tids.has(tid));
  const selectedCount = current?.mode === 'filter' ? total : current?.mode === 'ids' ? current.tids.size : 0;
  const everyLoadedSelected =
    loadedTids.length > 0 && (current?.mode === 'filter' || loadedTids.every((tid) => isSelected(tid)));

  const setIds = (tids: Iterable<string>) => {
    const set = new Set(tids);
    setSelectionState(set.size === 0 ? null : { viewKey, mode: 'ids', tids: set });
  };
  const toggle = (tid: string, checked: boolean) => {
    // Unticking one row of "all matching" keeps the other loaded rows, as a list.
    const base =
      current?.mode === 'filter' ? new Set(loadedTids) : new Set(current?.mode === 'ids' ? current.tids : []);
    if (checked) base.add(tid);
    else base.delete(tid);
    setIds(base);
  };
  const clear = () => setSelectionState(null);
  // Rows are memoized: one callback for the life of the list, which calls the latest `toggle`.
  const toggleRef = useRef(toggle);
  useLayoutEffect(() => {
    toggleRef.current = toggle;
  });
  const onSelect = useCallback((tid: string, checked: boolean) => toggleRef.current(tid, checked), []);

  const selection: TerminalSelection | null =
    current === null
      ? null
      : current.mode === 'filter'
        ? { kind: 'filter', filter, total }
        : { kind: 'ids', tids: [...current.tids].sort() };

  const layout = !voidPasswords
    ? fleetRowLayout.withoutVoidPasswords
    : selectable
      ? fleetRowLayout.selectable
      : fleetRowLayout.readOnly;
  const counts = latest?.counts;
  const filtered = isFiltered(view);

  return (
    <div className="space-y-4">
      <FleetFilters view={view} onChange={setView} merchantId={merchantId} voidPasswords={voidPasswords} />

      <div className="flex flex-wrap items-end justify-between gap-3">
        <p role="status" className="text-sm text-gray-800" aria-busy={list.isPlaceholderData || undefined}>
          {latest && counts ? (
            <>
              <span className="font-semibold">
                {t('devices.list.counts.total', { count: total, formatted: format.number(total) })}
              </span>
              {counts.default === undefined ? null : (
                <>
                  {t('devices.list.counts.separator')}
                  {counts.default > 0 && view.passwordState !== 'default' ? (
                    <button
                      type="button"
                      className="focus-ring rounded font-medium text-red-800 underline underline-offset-2"
                      onClick={() => setView({ passwordState: 'default' })}
                    >
                      {t('devices.list.counts.default', {
                        count: counts.default,
                        formatted: format.number(counts.default),
                      })}
                    </button>
                  ) : (
                    t('devices.list.counts.default', {
                      count: counts.default,
                      formatted: format.number(counts.default),
                    })
                  )}
                </>
              )}
              {counts.locked !== undefined && counts.locked > 0
                ? ` · ${t('devices.list.counts.locked', { count: counts.locked, formatted: format.number(counts.locked) })}`
                : null}
              {counts.offline > 0
                ? ` · ${t('devices.list.counts.offline', { count: counts.offline, formatted: format.number(counts.offline) })}`
                : null}
            </>
          ) : null}
        </p>
        <div className="flex flex-wrap items-end gap-3">
          <FleetSort view={view} onChange={setView} voidPasswords={voidPasswords} />
          {canExport ? (
            <ExportButton
              download={(options) => exportTerminals(query, options)}
              fallbackName="terminals.csv"
              disabled={total === 0}
            />
          ) : null}
        </div>
      </div>

      {selectable && loadedTids.length > 0 ? (
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-md border border-gray-200 bg-white px-3 py-2 text-sm">
          <label className="inline-flex items-center gap-2">
            <input
              type="checkbox"
              className="focus-ring h-4 w-4 accent-blue-700"
              checked={everyLoadedSelected}
              ref={(input) => {
                if (input) input.indeterminate = selectedCount > 0 && !everyLoadedSelected;
              }}
              onChange={(event) => (event.target.checked ? setIds(loadedTids) : clear())}
            />
            {allLoaded
              ? t('devices.selection.selectAll', {
                  count: loadedTids.length,
                  formatted: format.number(loadedTids.length),
                })
              : t('devices.selection.selectLoaded', {
                  count: loadedTids.length,
                  formatted: format.number(loadedTids.length),
                })}
          </label>
          <p role="status" className="text-gray-800">
            {selection
              ? current?.mode === 'filter'
                ? t('devices.selection.allMatching', { count: total, formatted: format.number(total) })
                : t('devices.selection.count', {
                    count: selectedCount,
                    formatted: format.number(selectedCount),
                  })
              : null}
          </p>
          {current?.mode === 'ids' && everyLoadedSelected && !allLoaded ? (
            <Button variant="secondary" onClick={() => setSelectionState({ viewKey, mode: 'filter' })}>
              {t('devices.selection.selectAllMatching', { count: total, formatted: format.number(total) })}
            </Button>
          ) : null}
          {selection ? (
            <>
              <Button variant="ghost" onClick={clear}>
                {t('devices.selection.clear')}
              </Button>
              {bulkActions?.(selection, { clear })}
            </>
          ) : null}
        </div>
      ) : null}

      <VirtualList
        label={t('devices.list.label')}
        {...listProps}
        getKey={tidOf}
        resetKey={JSON.stringify(query)}
        estimateRowHeight={60}
        rowClassName={layout.row}
        headerClassName={`${layout.row} max-lg:hidden`}
        header={<FleetHeader layout={layout} selectable={selectable} />}
        renderRow={(terminal) => (
          <TerminalRow
            terminal={terminal}
            layout={layout}
            serverNow={serverNow ?? Date.parse(terminal.lastSeenAt)}
            showMerchant={showMerchant}
            checked={selectable && isSelected(terminal.tid)}
            onSelect={selectable ? onSelect : undefined}
          />
        )}
        empty={
          filtered ? (
            <EmptyState title={t('devices.list.noMatch.title')}>
              <p>{t('devices.list.noMatch.body')}</p>
              <Button variant="secondary" className="mt-3" onClick={() => setView(CLEARED_FILTERS)}>
                {t('devices.filters.clear')}
              </Button>
            </EmptyState>
          ) : (
            <EmptyState title={t('devices.list.noTerminals.title')}>
              {t('devices.list.noTerminals.body')}
            </EmptyState>
          )
        }
      />
    </div>
  );
}
