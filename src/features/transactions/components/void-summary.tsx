import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VoidBurst, VoidSummary } from '@/api/schemas/transactions';
import { Button } from '@/components/button';
import { useFormat } from '@/i18n/use-format';

function BurstBadge() {
  const { t } = useTranslation();
  return (
    <span className="ml-2 inline-block rounded bg-red-700 px-1.5 py-0.5 text-xs font-semibold text-white">
      {t('voids.burstBadge')}
    </span>
  );
}

/**
 * Bursts of voids in the period: one operator voiding many sales in a short time, the way
 * voiding for cash shows. Each says who, where, how many, how much and when, with the rule.
 */
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
                  store: burst.storeName,
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

/** Rows of each summary table before "Show all". */
const FIRST_ROWS = 10;

/** The first rows of a list, and a button for the rest (which the server sent already). */
function ShowMore({ hidden, onShow }: { hidden: number; onShow: () => void }) {
  const { t } = useTranslation();
  if (hidden <= 0) return null;
  return (
    <Button variant="ghost" className="mt-2 px-2 py-1" onClick={onShow}>
      {t('voids.showMore', { count: hidden })}
    </Button>
  );
}

const th = 'py-2 pr-3 text-left text-xs font-semibold tracking-wide text-gray-700 uppercase';
const td = 'py-2 pr-3 align-top';

/** Counts and amounts per operator of a terminal and per terminal, most voids (and bursts) first. */
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
  const [allOperators, setAllOperators] = useState(false);
  const [allTerminals, setAllTerminals] = useState(false);
  const operators = allOperators ? summary.byOperator : summary.byOperator.slice(0, FIRST_ROWS);
  const terminals = allTerminals ? summary.byTerminal : summary.byTerminal.slice(0, FIRST_ROWS);
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <section aria-labelledby="voids-by-operator" className="rounded-lg border border-gray-200 bg-white p-4">
        <h2 id="voids-by-operator" className="text-base font-semibold text-gray-900">
          {t('voids.byOperator.title')}
        </h2>
        <table className="mt-2 w-full text-sm">
          <thead>
            <tr className="border-b border-gray-200">
              <th scope="col" className={th}>
                {t('voids.byOperator.operator')}
              </th>
              <th scope="col" className={`${th} text-right`}>
                {t('voids.byOperator.count')}
              </th>
              <th scope="col" className={`${th} text-right`}>
                {t('voids.byOperator.amount')}
              </th>
              <th scope="col" className={th}>
                <span className="sr-only">{t('voids.byOperator.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {operators.map((row) => (
              <tr
                key={`${row.tid}/${row.operatorNo}`}
                className={`border-b border-gray-100 ${row.burst ? 'bg-red-50' : ''}`}
              >
                <th scope="row" className={`${td} text-left font-normal`}>
                  <span className="font-medium">
                    {t('transactions.operator', { operatorNo: row.operatorNo })}
                  </span>
                  {row.burst ? <BurstBadge /> : null}
                  <span className="block text-xs text-gray-700">
                    {t('voids.atTerminal', { tid: row.tid, store: row.storeName })}
                  </span>
                </th>
                <td className={`${td} text-right tabular-nums`}>{format.number(row.count)}</td>
                <td className={`${td} text-right tabular-nums`}>{format.money(row.amount)}</td>
                <td className={`${td} text-right`}>
                  <Button
                    variant="ghost"
                    className="px-2 py-1"
                    onClick={() => onShowOperator(row.tid, row.operatorNo)}
                    aria-label={t('voids.byOperator.showLabel', { operatorNo: row.operatorNo, tid: row.tid })}
                  >
                    {t('voids.show')}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <ShowMore
          hidden={summary.byOperator.length - operators.length}
          onShow={() => setAllOperators(true)}
        />
        {summary.operatorGroups > summary.byOperator.length ? (
          <p className="mt-2 text-xs text-gray-700">
            {t('voids.top', {
              shown: format.number(summary.byOperator.length),
              total: format.number(summary.operatorGroups),
            })}
          </p>
        ) : null}
      </section>

      <section aria-labelledby="voids-by-terminal" className="rounded-lg border border-gray-200 bg-white p-4">
        <h2 id="voids-by-terminal" className="text-base font-semibold text-gray-900">
          {t('voids.byTerminal.title')}
        </h2>
        <table className="mt-2 w-full text-sm">
          <thead>
            <tr className="border-b border-gray-200">
              <th scope="col" className={th}>
                {t('voids.byTerminal.terminal')}
              </th>
              <th scope="col" className={`${th} text-right`}>
                {t('voids.byTerminal.count')}
              </th>
              <th scope="col" className={`${th} text-right`}>
                {t('voids.byTerminal.amount')}
              </th>
              <th scope="col" className={`${th} hidden text-right sm:table-cell`}>
                {t('voids.byTerminal.operators')}
              </th>
              <th scope="col" className={th}>
                <span className="sr-only">{t('voids.byOperator.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {terminals.map((row) => (
              <tr key={row.tid} className={`border-b border-gray-100 ${row.burst ? 'bg-red-50' : ''}`}>
                <th scope="row" className={`${td} text-left font-normal`}>
                  <span className="font-mono font-medium">{row.tid}</span>
                  {row.burst ? <BurstBadge /> : null}
                  <span className="block truncate text-xs text-gray-700">{row.storeName}</span>
                </th>
                <td className={`${td} text-right tabular-nums`}>{format.number(row.count)}</td>
                <td className={`${td} text-right tabular-nums`}>{format.money(row.amount)}</td>
                <td className={`${td} hidden text-right tabular-nums sm:table-cell`}>
                  {format.number(row.operatorCount)}
                </td>
                <td className={`${td} text-right`}>
                  <Button
                    variant="ghost"
                    className="px-2 py-1"
                    onClick={() => onShowTerminal(row.tid)}
                    aria-label={t('voids.byTerminal.showLabel', { tid: row.tid })}
                  >
                    {t('voids.show')}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <ShowMore
          hidden={summary.byTerminal.length - terminals.length}
          onShow={() => setAllTerminals(true)}
        />
        {summary.terminalGroups > summary.byTerminal.length ? (
          <p className="mt-2 text-xs text-gray-700">
            {t('voids.top', {
              shown: format.number(summary.byTerminal.length),
              total: format.number(summary.terminalGroups),
            })}
          </p>
        ) : null}
      </section>
    </div>
  );
}
