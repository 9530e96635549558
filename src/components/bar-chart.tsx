import { type ReactNode, useId } from 'react';
import { useFormat } from '@/i18n/use-format';
import { useTranslation } from '@/i18n/use-translation';

export interface BarChartDatum {
  key: string;
  axisLabel: string;
  label: string;
  value: number;
  valueText: string;
  cells?: readonly ReactNode[];
  emphasis?: boolean;
}

// For people who cannot see the drawing (hidden from assistive technology): a summary sentence and a table.
export function BarChart({
  title,
  summary,
  data,
  labelHeader,
  valueHeader,
  cellHeaders = [],
  heightClassName = 'h-36',
}: {
  title: ReactNode;
  summary: ReactNode;
  data: readonly BarChartDatum[];
  labelHeader: string;
  valueHeader: string;
  cellHeaders?: readonly string[];
  heightClassName?: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const titleId = useId();
  const max = Math.max(0, ...data.map((d) => d.value));

  return (
    <figure aria-labelledby={titleId} className="m-0">
      <figcaption id={titleId} className="text-base font-semibold text-gray-900">
        {title}
      </figcaption>
      <p className="mt-1 text-sm text-gray-700">{summary}</p>
      <div aria-hidden="true" className="mt-4">
        <div
          className={`grid items-end gap-1 border-b border-gray-400 ${heightClassName}`}
          style={{ gridTemplateColumns: `repeat(${data.length}, minmax(0, 1fr))` }}
        >
          {data.map((d) => (
            <div
              key={d.key}
              className="flex h-full flex-col items-center justify-end"
              title={t('barChart.point', { label: d.label, value: d.valueText })}
            >
              {d.value > 0 ? (
                <span className="mb-0.5 text-[11px] leading-none text-gray-800 tabular-nums">
                  {format.number(d.value)}
                </span>
              ) : null}
              <div
                className={`w-full max-w-8 rounded-t-sm ${d.emphasis ? 'bg-red-600' : 'bg-blue-600'}`}
                style={{ height: max > 0 && d.value > 0 ? `max(2px, ${(d.value / max) * 80}%)` : 0 }}
              />
            </div>
          ))}
        </div>
        <div
          className="mt-1 grid gap-1"
          style={{ gridTemplateColumns: `repeat(${data.length}, minmax(0, 1fr))` }}
        >
          {data.map((d) => (
            <span key={d.key} className="truncate text-center text-[11px] text-gray-700 tabular-nums">
              {d.axisLabel}
            </span>
          ))}
        </div>
      </div>
      <details className="mt-3 text-sm">
        <summary className="focus-ring w-fit cursor-pointer rounded text-blue-800 underline">
          {t('barChart.showTable')}
        </summary>
        <table className="mt-2 w-full text-left text-sm">
          <thead>
            <tr className="border-b border-gray-200 text-gray-700">
              <th scope="col" className="py-1 pr-3 font-medium">
                {labelHeader}
              </th>
              <th scope="col" className="py-1 pr-3 text-right font-medium">
                {valueHeader}
              </th>
              {cellHeaders.map((header) => (
                <th key={header} scope="col" className="py-1 pr-3 text-right font-medium">
                  {header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.key} className="border-b border-gray-100">
                <th scope="row" className="py-1 pr-3 font-normal">
                  {d.label}
                </th>
                <td className="py-1 pr-3 text-right tabular-nums">{format.number(d.value)}</td>
                {(d.cells ?? []).map((cell, i) => (
                  <td key={i} className="py-1 pr-3 text-right tabular-nums">
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
