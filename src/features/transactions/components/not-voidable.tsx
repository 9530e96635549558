import type { NotVoidableReason } from '@contract/schemas/transactions';
import { useTranslation } from '@/i18n/use-translation';

const tone: Record<NotVoidableReason, string> = {
  settled: 'bg-gray-100 text-gray-900',
  past_cutoff: 'bg-amber-100 text-amber-950',
  already_voided: 'bg-gray-100 text-gray-900',
  qr_refund_only: 'bg-sky-100 text-sky-950',
  d0_payout_refund_only: 'bg-sky-100 text-sky-950',
  not_approved: 'bg-gray-100 text-gray-900',
  is_void: 'bg-gray-100 text-gray-900',
};

export function NotVoidableBadge({ reason }: { reason: NotVoidableReason }) {
  const { t } = useTranslation();
  return (
    <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${tone[reason]}`}>
      {t(`transactions.reasons.${reason}.short`)}
    </span>
  );
}

export function NotVoidableExplanation({ reason }: { reason: NotVoidableReason }) {
  const { t } = useTranslation();
  return (
    <div className="rounded-md border border-gray-300 bg-gray-50 p-4 text-sm text-gray-900">
      <p className="font-semibold">{t(`transactions.reasons.${reason}.title`)}</p>
      <p className="mt-1">{t(`transactions.reasons.${reason}.body`)}</p>
      <p className="mt-2">
        <span className="font-semibold">{t('transactions.reasons.instead')} </span>
        {t(`transactions.reasons.${reason}.todo`)}
      </p>
    </div>
  );
}
