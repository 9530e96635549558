import { Link } from 'react-router';
import type { Overview } from '@contract/schemas/overview';
import { buttonClasses } from '@/components/button';
import { Countdown } from '@/components/countdown';
import { paths } from '@/config/paths';
import { useFormat } from '@/i18n/use-format';
import { useTranslation } from '@/i18n/use-translation';

/** After the first deadline a customer who wants their money back needs a refund. */
export function VoidableNow({
  voidable,
  now,
  onDeadline,
}: {
  voidable: Overview['voidable'];
  now: number | null;
  onDeadline: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section
      aria-labelledby="voidable-now-title"
      className="rounded-lg border border-gray-200 bg-white p-4 sm:p-6"
    >
      <h2 id="voidable-now-title" className="text-lg font-semibold text-gray-900">
        {t('overview.money.title')}
      </h2>
      {voidable.count === 0 ? (
        <p className="mt-3 text-sm text-gray-800">{t('overview.money.none')}</p>
      ) : (
        <>
          <p className="mt-3">
            <span className="block text-3xl font-semibold text-gray-900 tabular-nums">
              {format.money(voidable.amount)}
            </span>
            <span className="text-sm text-gray-800">
              {t('overview.money.count', { count: voidable.count, formatted: format.number(voidable.count) })}
            </span>
          </p>
          {voidable.nextCutoffAt && now !== null ? (
            <p className="mt-2 text-sm text-gray-800">
              {t('overview.money.nextCutoff', { time: format.hourMinute(voidable.nextCutoffAt) })}{' '}
              <Countdown
                until={voidable.nextCutoffAt}
                now={now}
                onExpire={onDeadline}
                className="font-semibold"
              >
                {(duration) => t('overview.money.left', { duration })}
              </Countdown>
            </p>
          ) : null}
        </>
      )}
      <Link to={paths.transactions()} className={buttonClasses('secondary', 'mt-4')}>
        {t('overview.money.open')}
      </Link>
    </section>
  );
}
