import { type ReactNode, useState } from 'react';
import type { VoidBurst, VoidSummary } from '@contract/schemas/transactions';
import { Button } from '@/components/button';
import { isolate } from '@/i18n/bidi';
import { useFormat } from '@/i18n/use-format';
import { useTranslation } from '@/i18n/use-translation';

function BurstBadge() {
  const { t } = useTranslation();
  return (
    <span className="ml-2 inline-block rounded bg-red-700 px-1.5 py-0.5 text-xs font-semibold text-white">
      {t('voids.burstBadge')}
    </span>
  );
}

export function VoidBursts({
  bursts,
  onShow,
}: {
  bursts: readonly VoidBurst[];
  onShow: (burst: VoidBurst) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  if (bursts.length === 0) return null;
  return (
    <section
      aria-labelledby="void-bursts-title"
      className="rounded-lg border-2 border-red-300 bg-red-50 p-4 text-sm text-red-950"
    >
      <h2 id="void-bursts-title" className="text-base font-semibold">
        {t('voids.bursts.title', { count: bursts.length })}
      </h2>
      <ul className="mt-2 space-y-3">
        {bursts.map((burst) => {
          const minutes = Math.max(1, Math.round((Date.parse(burst.to) - Date.parse(burst.from)) / 60_000));
          return (
            <li
              key={`${burst.tid}/${burst.operatorNo}`}
              className="flex flex-wrap items-center justify-between gap-3"
            >
              <p className="max-w-prose">
                {t('voids.bursts.item', {
                  operatorNo: burst.operatorNo,
                  tid: burst.tid,
                  store: isolate(burst.storeName),
                  count: burst.count,
                  amount: format.money(burst.amount),
                  minutes,
                  from: format.dateTime(burst.from),
                  to: format.hourMinute(burst.to),
                })}{' '}
                <span className="text-red-900">
                  {t('voids.bursts.rule', { threshold: burst.threshold, window: burst.windowMinutes })}
                </span>
              </p>
              <Button variant="secondary" onClick={() => onShow(burst)}>
                {t('voids.bursts.show', { operatorNo: burst.operatorNo, tid: burst.tid })}
              </Button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

const FIRST_ROWS = 10;

const th = 'py-2 pr-3 text-left text-xs font-semibold tracking-wide text-gray-700 uppercase';
const td = 'py-2 pr-3 align-top';
const number = `${td} text-right tabular-nums`;

function SummaryTable<T extends { burst: boolean }>({
  id,
  title,
  columns,
  rows,
  groups,
  keyOf,
  cells,
  showLabel,
  onShow,
}: {
  id: string;
  title: string;
  columns: readonly { label: string; className?: string }[];
  rows: readonly T[];
  groups: number;
  keyOf: (row: T) => string;
  cells: (row: T) => ReactNode;
  showLabel: (row: T) => string;
  onShow: (row: T) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [all, setAll] = useState(false);
  const shown = all ? rows : rows.slice(0, FIRST_ROWS);
  return (
    <section aria-labelledby={id} className="rounded-lg border border-gray-200 bg-white p-4">
      <h2 id={id} className="text-base font-semibold text-gray-900">
        {title}
      </h2>
      <table className="mt-2 w-full text-sm">
        <thead>
          <tr className="border-b border-gray-200">
            {columns.map((column) => (
              <th key={column.label} scope="col" className={`${th} ${column.className ?? ''}`}>
                {column.label}
              </th>
            ))}
            <th scope="col" className={th}>
              <span className="sr-only">{t('voids.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={keyOf(row)} className={`border-b border-gray-100 ${row.burst ? 'bg-red-50' : ''}`}>
              {cells(row)}
              <td className={`${td} text-right whitespace-nowrap`}>
                <Button
                  variant="ghost"
                  className="px-2 py-1"
                  onClick={() => onShow(row)}
                  aria-label={showLabel(row)}
                >
                  {t('voids.show')}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > shown.length ? (
        <Button variant="ghost" className="mt-2 px-2 py-1" onClick={() => setAll(true)}>
          {t('voids.showMore', { count: rows.length - shown.length })}
        </Button>
      ) : null}
      {groups > rows.length ? (
        <p className="mt-2 text-xs text-gray-700">
          {t('voids.top', { shown: format.number(rows.length), total: format.number(groups) })}
        </p>
      ) : null}
    </section>
  );
}

export function VoidSummaryTables({
  summary,
  onShowOperator,
  onShowTerminal,
}: {
  summary: VoidSummary;
  onShowOperator: (tid: string, operatorNo: string) => void;
  onShowTerminal: (tid: string) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const rowHeader = `${td} text-left font-normal`;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <SummaryTable
        id="voids-by-operator"
        title={t('voids.byOperator.title')}
        columns={[
          { label: t('voids.byOperator.operator') },
          { label: t('voids.count'), className: 'text-right' },
          { label: t('voids.amount'), className: 'text-right' },
        ]}
        rows={summary.byOperator}
        groups={summary.operatorGroups}
        keyOf={(row) => `${row.tid}/${row.operatorNo}`}
        cells={(row) => (
          <>
            <th scope="row" className={rowHeader}>
              <span className="font-medium">
                {t('transactions.operator', { operatorNo: row.operatorNo })}
              </span>
              {row.burst ? <BurstBadge /> : null}
              <span className="block text-xs wrap-anywhere text-gray-700">
                {t('voids.atTerminal', { tid: row.tid, store: isolate(row.storeName) })}
              </span>
            </th>
            <td className={number}>{format.number(row.count)}</td>
            <td className={number}>{format.money(row.amount)}</td>
          </>
        )}
        showLabel={(row) => t('voids.byOperator.showLabel', { operatorNo: row.operatorNo, tid: row.tid })}
        onShow={(row) => onShowOperator(row.tid, row.operatorNo)}
      />
      <SummaryTable
        id="voids-by-terminal"
        title={t('voids.byTerminal.title')}
        columns={[
          { label: t('voids.byTerminal.terminal') },
          { label: t('voids.count'), className: 'text-right' },
          { label: t('voids.amount'), className: 'text-right' },
          { label: t('voids.byTerminal.operators'), className: 'hidden text-right sm:table-cell' },
        ]}
        rows={summary.byTerminal}
        groups={summary.terminalGroups}
        keyOf={(row) => row.tid}
        cells={(row) => (
          <>
            <th scope="row" className={rowHeader}>
              <span className="font-mono font-medium">{row.tid}</span>
              {row.burst ? <BurstBadge /> : null}
              <bdi className="block text-xs wrap-anywhere text-gray-700">{row.storeName}</bdi>
            </th>
            <td className={number}>{format.number(row.count)}</td>
            <td className={number}>{format.money(row.amount)}</td>
            <td className={`${number} hidden sm:table-cell`}>{format.number(row.operatorCount)}</td>
          </>
        )}
        showLabel={(row) => t('voids.byTerminal.showLabel', { tid: row.tid })}
        onShow={(row) => onShowTerminal(row.tid)}
      />
    </div>
  );
}
