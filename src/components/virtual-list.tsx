import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import {
  defaultRangeExtractor,
  measureElement as measureRowElement,
  observeWindowRect,
  type Range,
  useWindowVirtualizer,
} from '@tanstack/react-virtual';
import {
  type KeyboardEvent,
  type ReactNode,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useFormat } from '@/i18n/use-format';
import { useTranslation } from '@/i18n/use-translation';
import { Button } from './button';
import { ErrorNotice } from './error-notice';
import { ListSkeleton } from './skeleton';

/**
 * Virtualized against the page's own scroll, so the window scrolls the list (no inner box
 * showing a few rows while the page stands still). "Load more" is there for keyboards and
 * screen readers. The focused row stays rendered while it scrolls out of view.
 * Without layout (jsdom) it assumes `fallbackRows` rows visible.
 */

export interface VirtualListProps<T> {
  label: string;
  semantics?: 'table' | 'list';
  items: readonly T[];
  total?: number;
  getKey: (item: T) => string;
  renderRow: (item: T, index: number) => ReactNode;
  rowClassName?: string;
  header?: ReactNode;
  headerClassName?: string;
  estimateRowHeight: number;
  status: 'pending' | 'error' | 'success';
  error?: unknown;
  onRetry?: () => void;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError?: boolean;
  fetchNextPage: () => void;
  empty: ReactNode;
  loading?: ReactNode;
  errorSlot?: ReactNode;
  fallbackRows?: number;
  overscan?: number;
  resetKey?: string;
}

const PREFETCH_ROWS = 10;

export function VirtualList<T>({
  label,
  semantics = 'table',
  items,
  total,
  getKey,
  renderRow,
  rowClassName = '',
  header,
  headerClassName,
  estimateRowHeight,
  status,
  error,
  onRetry,
  hasNextPage,
  isFetchingNextPage,
  isFetchNextPageError = false,
  fetchNextPage,
  empty,
  loading,
  errorSlot,
  fallbackRows = 12,
  overscan = 6,
  resetKey,
}: VirtualListProps<T>) {
  const { t } = useTranslation();
  const format = useFormat();
  const statusId = useId();
  const [rowsElement, setRowsElement] = useState<HTMLDivElement | null>(null);
  const scrollMargin = useDocumentTop(rowsElement);
  const [activeIndex, setActiveIndex] = useState(0);
  /** A row to focus as soon as it is rendered (it may first need to scroll in). */
  const pendingFocus = useRef<number | null>(null);
  const count = items.length;
  const active = Math.min(activeIndex, Math.max(0, count - 1));

  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (active >= range.count || indexes.includes(active)) return indexes;
      return [...indexes, active].sort((a, b) => a - b);
    },
    [active],
  );

  const virtualizer = useWindowVirtualizer<HTMLDivElement>({
    count,
    estimateSize: () => estimateRowHeight,
    getItemKey: (index) => getKey(items[index] as T),
    overscan,
    rangeExtractor,
    scrollMargin,
    // A row scrolled to by the keyboard ends below the sticky header, not under it.
    scrollPaddingStart: scrollPaddingTop(),
    observeElementRect: (instance, callback) =>
      observeWindowRect(instance, (rect) =>
        callback(
          hasLayout(rowsElement) ? rect : { width: rect.width, height: fallbackRows * estimateRowHeight },
        ),
      ),
    measureElement: (element, entry, instance) => {
      const size = measureRowElement(element, entry, instance);
      return size > 0 ? size : estimateRowHeight;
    },
  });
  const virtualRows = virtualizer.getVirtualItems();

  const [seenResetKey, setSeenResetKey] = useState(resetKey);
  if (resetKey !== seenResetKey) {
    setSeenResetKey(resetKey);
    setActiveIndex(0);
  }
  // Another filter or sort starts from the top: bring the list's top back into view.
  const scrolledResetKey = useRef(resetKey);
  useEffect(() => {
    if (scrolledResetKey.current === resetKey) return;
    scrolledResetKey.current = resetKey;
    const top = rowsElement?.getBoundingClientRect().top;
    if (top !== undefined && top < 0) window.scrollBy({ top: top - scrollPaddingTop() });
  }, [resetKey, rowsElement]);
  const lastRendered = virtualRows.at(-1)?.index ?? -1;

  useEffect(() => {
    if (!hasNextPage || isFetchingNextPage || isFetchNextPageError) return;
    if (lastRendered >= count - 1 - PREFETCH_ROWS) fetchNextPage();
  }, [lastRendered, count, hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage]);

  const moveTo = (index: number) => {
    const target = Math.max(0, Math.min(count - 1, index));
    setActiveIndex(target);
    const row = rowsElement?.querySelector<HTMLElement>(`[data-index="${target}"]`);
    if (row) row.focus();
    else pendingFocus.current = target;
    virtualizer.scrollToIndex(target, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
    if (!row || row !== event.target) return; // keys inside a row's own controls stay theirs
    const index = Number(row.dataset.index);
    const page = Math.max(1, Math.floor(window.innerHeight / estimateRowHeight) - 2);
    const targets: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + page,
      PageUp: index - page,
      Home: 0,
      End: count - 1,
    };
    const target = targets[event.key];
    if (target === undefined) return;
    event.preventDefault();
    moveTo(target);
  };

  const isTable = semantics === 'table';
  const shown = count;
  const knownTotal = total ?? (hasNextPage ? undefined : count);

  if (status === 'pending') {
    return (
      loading ?? (
        <div className="rounded-lg border border-gray-200 bg-white p-4">
          <ListSkeleton rows={6} rowClassName="h-10" />
        </div>
      )
    );
  }
  if (status === 'error') return errorSlot ?? <ErrorNotice error={error} onRetry={onRetry} />;
  if (count === 0) return <>{empty}</>;

  return (
    <div className="overflow-hidden rounded-lg border border-gray-200 bg-white">
      <div
        role={isTable ? 'table' : 'list'}
        aria-label={label}
        aria-rowcount={isTable ? (knownTotal === undefined ? -1 : knownTotal + (header ? 1 : 0)) : undefined}
        aria-describedby={statusId}
        aria-busy={isFetchingNextPage || undefined}
      >
        {isTable && header ? (
          <div role="rowgroup" className="border-b border-gray-200 bg-gray-50">
            <div role="row" aria-rowindex={1} className={headerClassName ?? rowClassName}>
              {header}
            </div>
          </div>
        ) : null}
        <div ref={setRowsElement} onKeyDown={onKeyDown} role={isTable ? 'rowgroup' : undefined}>
          <div className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
            {virtualRows.map((virtualRow) => {
              const item = items[virtualRow.index] as T;
              const position = virtualRow.index + 1;
              return (
                <div
                  key={virtualRow.key}
                  ref={(node) => {
                    virtualizer.measureElement(node);
                    if (node && pendingFocus.current === virtualRow.index) {
                      pendingFocus.current = null;
                      node.focus({ preventScroll: true });
                    }
                  }}
                  data-index={virtualRow.index}
                  role={isTable ? 'row' : 'listitem'}
                  aria-rowindex={isTable ? position + (header ? 1 : 0) : undefined}
                  aria-posinset={isTable ? undefined : position}
                  aria-setsize={isTable ? undefined : (knownTotal ?? -1)}
                  tabIndex={virtualRow.index === active ? 0 : -1}
                  onFocus={() => setActiveIndex(virtualRow.index)}
                  className={`focus-ring absolute top-0 left-0 w-full border-b border-gray-100 ${rowClassName}`}
                  style={{ transform: `translateY(${virtualRow.start - scrollMargin}px)` }}
                >
                  {renderRow(item, virtualRow.index)}
                </div>
              );
            })}
          </div>
        </div>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-3 border-t border-gray-200 px-4 py-2 text-sm text-gray-700">
        <p id={statusId} role="status">
          {knownTotal === undefined
            ? t('listView.showingSome', { shown: format.number(shown) })
            : t('listView.showing', { shown: format.number(shown), total: format.number(knownTotal) })}
          {isFetchingNextPage ? ` · ${t('listView.loadingMore')}` : null}
        </p>
        {hasNextPage && !isFetchNextPageError ? (
          <Button variant="secondary" disabled={isFetchingNextPage} onClick={() => fetchNextPage()}>
            {t('listView.loadMore')}
          </Button>
        ) : null}
      </div>
      {isFetchNextPageError ? (
        <ErrorNotice
          className="m-2"
          error={error}
          onRetry={() => {
            fetchNextPage();
          }}
        />
      ) : null}
    </div>
  );
}

function hasLayout(element: HTMLElement | null): boolean {
  return element !== null && element.getBoundingClientRect().height > 0;
}

function scrollPaddingTop(): number {
  if (typeof document === 'undefined') return 0;
  return Number.parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0;
}

/** Kept current as what is above the list changes height (filters, banners). */
function useDocumentTop(element: HTMLElement | null): number {
  const [top, setTop] = useState(0);
  useLayoutEffect(() => {
    if (!element) return;
    const update = () => setTop(element.getBoundingClientRect().top + window.scrollY);
    update();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(update);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, [element]);
  return top;
}

type InfiniteResult<TPage> = UseInfiniteQueryResult<InfiniteData<TPage>>;

/** `itemsOf` should be a stable function (module level). */
export function useInfiniteListProps<TPage extends { total?: number }, T>(
  query: InfiniteResult<TPage>,
  itemsOf: (page: TPage) => readonly T[],
) {
  const pages = query.data?.pages;
  const items = useMemo(() => (pages ?? []).flatMap((page) => itemsOf(page)), [pages, itemsOf]);
  const { fetchNextPage, refetch } = query;
  // cancelRefetch false: a scroll that asks again while a page loads does not restart it.
  const loadNextPage = useCallback(() => void fetchNextPage({ cancelRefetch: false }), [fetchNextPage]);
  return {
    items,
    total: pages?.at(-1)?.total,
    status: query.status,
    error: query.error,
    onRetry: () => void refetch(),
    hasNextPage: query.hasNextPage,
    isFetchingNextPage: query.isFetchingNextPage,
    isFetchNextPageError: query.isFetchNextPageError,
    fetchNextPage: loadNextPage,
  } satisfies Partial<VirtualListProps<T>>;
}
