import type { Transaction } from '@contract/schemas/transactions';
import { useFormat } from '@/i18n/use-format';
import { useTranslation } from '@/i18n/use-translation';
import { TraceNumber } from './trace-number';

export function HowToVoid({ tx, headingId }: { tx: Transaction; headingId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section aria-labelledby={headingId} className="text-sm text-gray-900">
      <h3 id={headingId} className="text-base font-semibold">
        {t('transactions.howTo.title')}
      </h3>
      <ol className="mt-2 list-decimal space-y-2 pl-5 marker:font-semibold">
        <li>{t('transactions.howTo.openVoid', { tid: tx.tid })}</li>
        <li>{t('transactions.howTo.password')}</li>
        <li>
          {t('transactions.howTo.traceNo')} <TraceNumber traceNo={tx.traceNo} />
        </li>
        <li>
          {tx.cardLast4
            ? t('transactions.howTo.cardEnding', { last4: tx.cardLast4 })
            : t('transactions.howTo.card')}
        </li>
        <li>{t('transactions.howTo.confirm', { amount: format.money(tx.amount) })}</li>
      </ol>
      <p className="mt-3 text-gray-700">{t('transactions.howTo.fullAmount')}</p>
    </section>
  );
}
