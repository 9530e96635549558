import type { TransactionListItem } from '@contract/schemas/transactions';
import { Button } from '@/components/button';
import { ListCell, ListHeaderCell } from '@/components/list-cell';
import { useFormat } from '@/i18n/use-format';
import { useTranslation } from '@/i18n/use-translation';
import { Payment } from './payment';
import { TraceNumber } from './trace-number';
import { VoidDeadline } from './void-deadline';

export type RowKind = 'sales' | 'voids';

/**
 * Fixed widths, only the last stretches, so the header (no scrollbar) and rows line up; class names spelled
 * out for Tailwind.
 */
export const rowLayouts = {
  sales: {
    row: 'grid grid-cols-2 items-center gap-x-3 gap-y-2 px-3 py-3 xl:gap-y-0 xl:py-2 xl:grid-cols-[7.5rem_5rem_5.5rem_6.5rem_9rem_7rem_8.5rem_minmax(4.5rem,1fr)]',
    header:
      'hidden xl:grid xl:grid-cols-[7.5rem_5rem_5.5rem_6.5rem_9rem_7rem_8.5rem_minmax(4.5rem,1fr)] gap-x-3 px-3',
  },
  voids: {
    row: 'grid grid-cols-2 items-center gap-x-3 gap-y-2 px-3 py-3 xl:gap-y-0 xl:py-2 xl:grid-cols-[7.5rem_5rem_5.5rem_6.5rem_9rem_11rem_minmax(4.5rem,1fr)]',
    header:
      'hidden xl:grid xl:grid-cols-[7.5rem_5rem_5.5rem_6.5rem_9rem_11rem_minmax(4.5rem,1fr)] gap-x-3 px-3',
  },
} as const satisfies Record<RowKind, { row: string; header: string }>;

const traceCell = 'col-span-2 xl:col-span-1';
const detailsCell = 'col-span-2 justify-self-end xl:col-span-1';

export function TransactionHeader({ kind }: { kind: RowKind }) {
  const { t } = useTranslation();
  return (
    <>
      <ListHeaderCell>
        {t(kind === 'voids' ? 'voids.columns.traceNo' : 'transactions.columns.traceNo')}
      </ListHeaderCell>
      <ListHeaderCell>{t('transactions.columns.time')}</ListHeaderCell>
      <ListHeaderCell>{t('transactions.columns.amount')}</ListHeaderCell>
      <ListHeaderCell>{t('transactions.columns.payment')}</ListHeaderCell>
      <ListHeaderCell>{t('transactions.columns.terminal')}</ListHeaderCell>
      {kind === 'voids' ? (
        <ListHeaderCell>{t('voids.columns.original')}</ListHeaderCell>
      ) : (
        <>
          <ListHeaderCell>{t('transactions.columns.rrn')}</ListHeaderCell>
          <ListHeaderCell>{t('transactions.columns.deadline')}</ListHeaderCell>
        </>
      )}
      <ListHeaderCell>
        <span className="sr-only">{t('transactions.columns.details')}</span>
      </ListHeaderCell>
    </>
  );
}

function TransactionTime({ at }: { at: string }) {
  const format = useFormat();
  return (
    <time dateTime={at} title={format.dateTime(at)} className="block tabular-nums">
      {format.time(at)}
      <span className="block text-xs text-gray-700">{format.date(at)}</span>
    </time>
  );
}

function OriginalSaleCell({ tx }: { tx: TransactionListItem }) {
  const { t } = useTranslation();
  const format = useFormat();
  const original = tx.original;
  if (!original) return <span className="text-gray-700">{t('voids.originalUnknown')}</span>;
  return (
    <>
      <span className="block font-mono">{original.traceNo}</span>
      <span className="block text-xs text-gray-700">
        {t('voids.originalMade', {
          time: format.dateTime(original.createdAt),
          operatorNo: original.operatorNo,
        })}
      </span>
    </>
  );
}

export function TransactionRow({
  tx,
  kind,
  now,
  onOpen,
}: {
  tx: TransactionListItem;
  kind: RowKind;
  now: number | null;
  onOpen: (tx: TransactionListItem) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const isVoid = tx.type === 'void';
  return (
    <>
      <ListCell
        label={t(kind === 'voids' ? 'voids.columns.traceNo' : 'transactions.columns.traceNo')}
        className={traceCell}
      >
        <TraceNumber traceNo={tx.traceNo} />
        {kind === 'sales' && isVoid && tx.original ? (
          <span className="block text-xs text-gray-700">
            {t('transactions.voidOf', { traceNo: tx.original.traceNo })}
          </span>
        ) : null}
      </ListCell>
      <ListCell label={t('transactions.columns.time')}>
        <TransactionTime at={tx.createdAt} />
      </ListCell>
      <ListCell label={t('transactions.columns.amount')}>
        <span className="font-semibold tabular-nums">{format.money(tx.amount)}</span>
        {kind === 'sales' && isVoid ? (
          <span className="ml-1 rounded bg-gray-200 px-1.5 py-0.5 text-xs font-medium">
            {t('transactions.kind.void')}
          </span>
        ) : null}
      </ListCell>
      <ListCell label={t('transactions.columns.payment')}>
        <Payment tx={tx} />
      </ListCell>
      <ListCell label={t('transactions.columns.terminal')}>
        <span className="block font-mono">{tx.tid}</span>
        <span className="block truncate text-xs text-gray-700" title={tx.storeName}>
          {tx.storeName}
        </span>
        <span className="block text-xs text-gray-700">
          {t('transactions.operator', { operatorNo: tx.operatorNo })}
        </span>
      </ListCell>
      {kind === 'voids' ? (
        <ListCell label={t('voids.columns.original')}>
          <OriginalSaleCell tx={tx} />
        </ListCell>
      ) : (
        <>
          <ListCell label={t('transactions.columns.rrn')}>
            <span className="font-mono text-xs break-all">{tx.rrn}</span>
          </ListCell>
          <ListCell label={t('transactions.columns.deadline')}>
            <VoidDeadline tx={tx} now={now} />
          </ListCell>
        </>
      )}
      <div role="cell" className={detailsCell}>
        <Button
          variant="secondary"
          className="px-3 py-1.5"
          onClick={() => onOpen(tx)}
          aria-label={t(isVoid ? 'transactions.detailsOfVoid' : 'transactions.detailsOfSale', {
            traceNo: tx.traceNo,
          })}
        >
          {t('transactions.details')}
        </Button>
      </div>
    </>
  );
}
