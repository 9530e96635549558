import { useTranslation } from 'react-i18next';
import type { TransactionListItem } from '@/api/schemas/transactions';
import { Button } from '@/components/button';
import { ListCell, ListHeaderCell } from '@/components/list-cell';
import { useFormat } from '@/i18n/use-format';
import { Payment } from './payment';
import { TerminalCell, TransactionTime } from './transaction-row';
import { TraceNumber } from './trace-number';

/** Grid of a void row: a table row from `xl`, a card below (see transactionRowLayout). */
export const voidRowLayout = {
  row: 'grid grid-cols-2 items-center gap-x-3 gap-y-2 px-3 py-3 xl:gap-y-0 xl:py-2 xl:grid-cols-[7.5rem_5rem_5.5rem_6.5rem_9rem_11rem_minmax(4.5rem,1fr)]',
  header:
    'hidden xl:grid xl:grid-cols-[7.5rem_5rem_5.5rem_6.5rem_9rem_11rem_minmax(4.5rem,1fr)] gap-x-3 px-3',
  trace: 'col-span-2 xl:col-span-1',
  details: 'col-span-2 justify-self-end xl:col-span-1',
} as const;

export function VoidHeader() {
  const { t } = useTranslation();
  return (
    <>
      <ListHeaderCell>{t('voids.columns.traceNo')}</ListHeaderCell>
      <ListHeaderCell>{t('transactions.columns.time')}</ListHeaderCell>
      <ListHeaderCell>{t('transactions.columns.amount')}</ListHeaderCell>
      <ListHeaderCell>{t('transactions.columns.payment')}</ListHeaderCell>
      <ListHeaderCell>{t('voids.columns.terminal')}</ListHeaderCell>
      <ListHeaderCell>{t('voids.columns.original')}</ListHeaderCell>
      <ListHeaderCell>
        <span className="sr-only">{t('transactions.columns.details')}</span>
      </ListHeaderCell>
    </>
  );
}

/** A void: who voided what, when, at which terminal, and the sale it cancelled. */
export function VoidRow({
  tx,
  onOpen,
}: {
  tx: TransactionListItem;
  onOpen: (tx: TransactionListItem) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const original = tx.original;
  return (
    <>
      <ListCell label={t('voids.columns.traceNo')} className={voidRowLayout.trace}>
        <TraceNumber traceNo={tx.traceNo} />
      </ListCell>
      <ListCell label={t('transactions.columns.time')}>
        <TransactionTime at={tx.createdAt} />
      </ListCell>
      <ListCell label={t('transactions.columns.amount')}>
        <span className="font-semibold tabular-nums">{format.money(tx.amount)}</span>
      </ListCell>
      <ListCell label={t('transactions.columns.payment')}>
        <Payment tx={tx} />
      </ListCell>
      <ListCell label={t('voids.columns.terminal')}>
        <TerminalCell tx={tx} />
      </ListCell>
      <ListCell label={t('voids.columns.original')}>
        {original ? (
          <>
            <span className="block font-mono">{original.traceNo}</span>
            <span className="block text-xs text-gray-700">
              {t('voids.originalMade', {
                time: format.dateTime(original.createdAt),
                operatorNo: original.operatorNo,
              })}
            </span>
          </>
        ) : (
          <span className="text-gray-700">{t('voids.originalUnknown')}</span>
        )}
      </ListCell>
      <div role="cell" className={voidRowLayout.details}>
        <Button
          variant="secondary"
          className="px-3 py-1.5"
          onClick={() => onOpen(tx)}
          aria-label={t('transactions.detailsOfVoid', { traceNo: tx.traceNo })}
        >
          {t('transactions.details')}
        </Button>
      </div>
    </>
  );
}
