import type { Transaction } from '@contract/schemas/transactions';
import { useTranslation } from '@/i18n/use-translation';
import { isWalletMethod } from '../api/voidability';

export function Payment({ tx, className = '' }: { tx: Transaction; className?: string }) {
  const { t } = useTranslation();
  const method = t(`transactions.method.${tx.method}`);
  if (isWalletMethod(tx.method) || !tx.cardLast4) {
    return <span className={className}>{method}</span>;
  }
  return (
    <span className={className}>
      <span className="font-mono whitespace-nowrap">
        <span aria-hidden="true">•••• {tx.cardLast4}</span>
        <span className="sr-only">{t('transactions.cardEnding', { last4: tx.cardLast4 })}</span>
      </span>
      <span className="block text-xs text-gray-700">{method}</span>
    </span>
  );
}
