import { Link } from 'react-router';
import type { DailyVoids } from '@contract/schemas/overview';
import { BarChart, type BarChartDatum } from '@/components/bar-chart';
import { paths } from '@/config/paths';
import { businessDayStart } from '@/i18n/format';
import { useFormat } from '@/i18n/use-format';
import { useTranslation } from '@/i18n/use-translation';

/** The same numbers are in a sentence and a table for people who cannot see the bars. */
export function VoidsChart({ days }: { days: readonly DailyVoids[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const total = days.reduce((sum, day) => sum + day.count, 0);
  const amount = days.reduce((sum, day) => sum + day.amount, 0);
  const busiest = days.reduce<DailyVoids | null>(
    (best, day) => (!best || day.count > best.count ? day : best),
    null,
  );

  const data: BarChartDatum[] = days.map((day) => ({
    key: day.date,
    axisLabel: String(Number(day.date.slice(8))),
    label: format.dayMonth(businessDayStart(day.date)),
    value: day.count,
    valueText: t('overview.voids.valueText', {
      count: day.count,
      formatted: format.number(day.count),
      amount: format.money(day.amount),
    }),
    cells: [format.money(day.amount)],
  }));

  return (
    <section
      aria-labelledby="voids-chart-title"
      className="rounded-lg border border-gray-200 bg-white p-4 sm:p-6"
    >
      <BarChart
        title={
          <h2 id="voids-chart-title" className="text-lg font-semibold text-gray-900">
            {t('overview.voids.title')}
          </h2>
        }
        summary={
          total === 0 || !busiest
            ? t('overview.voids.none')
            : t('overview.voids.summary', {
                count: total,
                formatted: format.number(total),
                amount: format.money(amount),
                day: format.dayMonth(businessDayStart(busiest.date)),
                dayCount: format.number(busiest.count),
              })
        }
        data={data}
        labelHeader={t('overview.voids.day')}
        valueHeader={t('overview.voids.count')}
        cellHeaders={[t('overview.voids.amount')]}
      />
      <Link
        to={paths.voids({ period: '14d' })}
        className="focus-ring mt-3 inline-block rounded text-sm font-medium text-blue-800 underline"
      >
        {t('overview.voids.review')}
      </Link>
    </section>
  );
}
