import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useId } from 'react';
import type { Transaction, TransactionDetail } from '@contract/schemas/transactions';
import { Button } from '@/components/button';
import { Countdown } from '@/components/countdown';
import { Dialog } from '@/components/dialog';
import { ErrorNotice } from '@/components/error-notice';
import { Skeleton } from '@/components/skeleton';
import { useServerNow } from '@/components/use-server-now';
import { useFormat } from '@/i18n/use-format';
import { useTranslation } from '@/i18n/use-translation';
import { transactionQueries } from '../api/queries';
import { voidabilityAt } from '../api/voidability';
import { HowToVoid } from './how-to-void';
import { NotVoidableExplanation } from './not-voidable';
import { Payment } from './payment';
import { TraceNumber } from './trace-number';

export function TransactionDetailDialog({
  id,
  onOpen,
  onClose,
}: {
  id: string | undefined;
  onOpen: (id: string) => void;
  onClose: () => void;
}) {
  const titleId = useId();
  return (
    <Dialog open={id !== undefined} onCancel={onClose} labelledBy={titleId}>
      {id ? <DetailContent key={id} id={id} titleId={titleId} onOpen={onOpen} onClose={onClose} /> : null}
    </Dialog>
  );
}

function DetailContent({
  id,
  titleId,
  onOpen,
  onClose,
}: {
  id: string;
  titleId: string;
  onOpen: (id: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const detail = useQuery(transactionQueries.detail(id));
  const close = (
    <div className="mt-6 flex justify-end">
      <Button variant="secondary" onClick={onClose}>
        {t('transactions.detail.close')}
      </Button>
    </div>
  );

  if (detail.isPending) {
    return (
      <div aria-busy="true">
        <h2 id={titleId} className="text-lg font-semibold text-gray-900">
          {t('transactions.detail.loading')}
        </h2>
        <div className="mt-4 space-y-2">
          <Skeleton className="h-8 w-40" />
          <Skeleton className="h-20 w-full" />
          <Skeleton className="h-32 w-full" />
        </div>
        {close}
      </div>
    );
  }
  if (detail.isError) {
    return (
      <div>
        <h2 id={titleId} className="text-lg font-semibold text-gray-900">
          {t('transactions.detail.failed')}
        </h2>
        <ErrorNotice className="mt-4" error={detail.error} onRetry={() => void detail.refetch()} />
        {close}
      </div>
    );
  }
  return (
    <>
      <Detail
        tx={detail.data}
        receivedAt={detail.dataUpdatedAt}
        titleId={titleId}
        onOpen={onOpen}
        onExpire={() => void detail.refetch()}
      />
      {close}
    </>
  );
}

function Detail({
  tx,
  receivedAt,
  titleId,
  onOpen,
  onExpire,
}: {
  tx: TransactionDetail;
  receivedAt: number;
  titleId: string;
  onOpen: (id: string) => void;
  onExpire: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const stepsId = useId();
  const now = useServerNow({ serverTime: tx.serverTime, receivedAt });
  const voidability = voidabilityAt(tx, now);
  const isVoid = tx.type === 'void';

  return (
    <div className="space-y-5">
      <div>
        <h2 id={titleId} className="text-lg font-semibold text-gray-900">
          {t(isVoid ? 'transactions.detail.voidTitle' : 'transactions.detail.saleTitle', {
            amount: format.money(tx.amount),
          })}
        </h2>
        <p className="mt-1 text-sm text-gray-700">{t('transactions.columns.traceNo')}</p>
        <TraceNumber traceNo={tx.traceNo} size="lg" />
      </div>

      {voidability.voidable && now !== null ? (
        <div className="rounded-md border border-green-300 bg-green-50 p-4 text-sm text-green-950">
          <p className="font-semibold">
            {t('transactions.detail.voidableUntil', {
              tid: tx.tid,
              time: format.hourMinute(voidability.until),
            })}
          </p>
          <Countdown until={voidability.until} now={now} onExpire={onExpire} className="mt-1 block text-base">
            {(duration) => t('transactions.deadline.left', { duration })}
          </Countdown>
        </div>
      ) : voidability.voidable ? null : (
        <NotVoidableExplanation reason={voidability.reason} />
      )}

      {voidability.voidable ? <HowToVoid tx={tx} headingId={stepsId} /> : null}

      {isVoid && tx.original ? <OriginalSale original={tx.original} onOpen={onOpen} /> : null}

      <Facts tx={tx} />
    </div>
  );
}

function OriginalSale({ original, onOpen }: { original: Transaction; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className="rounded-md border border-gray-200 p-4 text-sm">
      <p className="font-semibold text-gray-900">{t('transactions.detail.original')}</p>
      <p className="mt-1 text-gray-800">
        {t('transactions.detail.originalSummary', {
          traceNo: original.traceNo,
          time: format.dateTime(original.createdAt),
          operatorNo: original.operatorNo,
        })}
      </p>
      <Button variant="secondary" className="mt-3" onClick={() => onOpen(original.id)}>
        {t('transactions.detail.openOriginal')}
      </Button>
    </div>
  );
}

function Facts({ tx }: { tx: TransactionDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const rows: [string, ReactNode][] = [
    [t('transactions.facts.time'), format.dateTime(tx.createdAt)],
    [t('transactions.facts.amount'), format.money(tx.amount)],
    [t('transactions.facts.payment'), <Payment key="payment" tx={tx} />],
    [t('transactions.facts.status'), t(`transactions.status.${tx.status}`)],
    [t('transactions.facts.terminal'), tx.tid],
    [t('transactions.facts.store'), tx.storeName],
    [t('transactions.facts.operator'), tx.operatorNo],
    [t('transactions.facts.rrn'), tx.rrn],
    [t('transactions.facts.batchNo'), tx.batchNo],
    [t('transactions.facts.merchant'), tx.merchantId],
  ];
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 border-t border-gray-200 pt-4 text-sm">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-gray-700">{label}</dt>
          <dd className="min-w-0 break-words text-gray-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
