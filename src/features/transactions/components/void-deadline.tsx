import type { Transaction } from '@contract/schemas/transactions';
import { Countdown } from '@/components/countdown';
import { useFormat } from '@/i18n/use-format';
import { useTranslation } from '@/i18n/use-translation';
import { voidabilityAt } from '../api/voidability';
import { NotVoidableBadge } from './not-voidable';

/** Under this much time left a deadline is shown as urgent. */
const URGENT_MS = 30 * 60_000;

export function VoidDeadline({ tx, now }: { tx: Transaction; now: number | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const voidability = voidabilityAt(tx, now);
  if (!voidability.voidable || now === null) {
    return voidability.voidable ? null : <NotVoidableBadge reason={voidability.reason} />;
  }
  const urgent = voidability.until - now < URGENT_MS;
  return (
    <span className="block">
      <Countdown
        until={voidability.until}
        now={now}
        className={`font-semibold ${urgent ? 'text-red-800' : 'text-green-800'}`}
      >
        {(duration) => t('transactions.deadline.left', { duration })}
      </Countdown>
      <span className="block text-xs text-gray-700">
        {t('transactions.deadline.by', { time: format.hourMinute(voidability.until) })}
      </span>
    </span>
  );
}
