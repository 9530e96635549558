import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { AuditAction, type AuditEvent, type AuditPage } from '@contract/schemas/audit';
import type { Role } from '@contract/schemas/common';
import { Button } from '@/components/button';
import { DateRangeFields } from '@/components/date-range-fields';
import { EmptyState } from '@/components/empty-state';
import { FilterPanel } from '@/components/filter-panel';
import { ListCell, ListHeaderCell } from '@/components/list-cell';
import { MerchantFilter } from '@/components/merchant-filter';
import { SearchField } from '@/components/search-field';
import { SelectField } from '@/components/select-field';
import { TerminalFilter } from '@/components/terminal-filter';
import { useUrlState } from '@/components/use-url-state';
import { useInfiniteListProps, VirtualList } from '@/components/virtual-list';
import { useFormat } from '@/i18n/use-format';
import { useTranslation } from '@/i18n/use-translation';
import {
  actionKey,
  AuditView,
  auditQueryOf,
  CLEARED_AUDIT_FILTERS,
  hasAuditFilters,
} from '../api/audit-view';
import { auditQueries } from '../api/queries';

const itemsOf = (page: AuditPage) => page.items;
const idOf = (event: AuditEvent) => event.id;

/** Fixed columns but the last, so header and rows line up; class names spelled out for Tailwind. */
const layout = {
  row: 'grid grid-cols-2 items-start gap-x-3 gap-y-2 px-3 py-3 xl:gap-y-0 xl:py-2 xl:grid-cols-[6rem_9rem_11rem_10rem_6rem_minmax(8rem,1fr)]',
  header: 'hidden xl:grid xl:grid-cols-[6rem_9rem_11rem_10rem_6rem_minmax(8rem,1fr)] gap-x-3 px-3',
  wide: 'col-span-2 xl:col-span-1',
} as const;

function Header() {
  const { t } = useTranslation();
  return (
    <>
      {(['time', 'actor', 'action', 'target', 'outcome', 'ticket'] as const).map((column) => (
        <ListHeaderCell key={column}>{t(`audit.columns.${column}`)}</ListHeaderCell>
      ))}
    </>
  );
}

function AuditRow({ event, showMerchant }: { event: AuditEvent; showMerchant: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const failed = event.outcome === 'failure';
  return (
    <>
      <ListCell label={t('audit.columns.time')}>
        <time dateTime={event.at} className="block tabular-nums">
          {format.time(event.at)}
          <span className="block text-xs text-gray-700">{format.date(event.at)}</span>
        </time>
      </ListCell>
      <ListCell label={t('audit.columns.actor')}>
        <span className="block font-medium break-words">{event.actor}</span>
        <span className="block text-xs text-gray-700">{t(`audit.actorRole.${event.actorRole}`)}</span>
        {event.clientIp ? (
          <span className="block text-xs text-gray-700">{t('audit.fromIp', { ip: event.clientIp })}</span>
        ) : null}
      </ListCell>
      <ListCell label={t('audit.columns.action')} className={layout.wide}>
        {t(`audit.action.${actionKey(event.action)}` as 'audit.action.auth__login')}
      </ListCell>
      <ListCell label={t('audit.columns.target')}>
        {event.tid ? (
          <span className="block">{t('audit.terminal', { tid: event.tid })}</span>
        ) : event.target ? (
          <span className="block break-words">{event.target}</span>
        ) : (
          <span className="text-gray-700">{t('audit.none')}</span>
        )}
        {event.tid && event.target && event.target !== event.tid ? (
          <span className="block text-xs break-words text-gray-700">{event.target}</span>
        ) : null}
        {showMerchant && event.merchantId ? (
          <span className="block text-xs text-gray-700">
            {t('audit.merchant', { mid: event.merchantId })}
          </span>
        ) : null}
      </ListCell>
      <ListCell label={t('audit.columns.outcome')}>
        <span
          className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${failed ? 'bg-red-100 text-red-900' : 'bg-green-100 text-green-900'}`}
        >
          {t(`audit.outcome.${event.outcome}`)}
        </span>
      </ListCell>
      <ListCell label={t('audit.columns.ticket')} className={layout.wide}>
        {event.ticketId ? <span className="block font-medium">{event.ticketId}</span> : null}
        {event.reason ? <span className="block break-words">{event.reason}</span> : null}
        {!event.ticketId && !event.reason ? <span className="text-gray-700">{t('audit.none')}</span> : null}
      </ListCell>
    </>
  );
}

/** The server decides what each role sees and never records a secret. */
export function AuditLog({ viewer }: { viewer: { role: Role; merchantIds: readonly string[] } }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [view, setView] = useUrlState(AuditView);
  const query = useMemo(() => auditQueryOf(view), [view]);
  const list = useInfiniteQuery({ ...auditQueries.list(query), placeholderData: keepPreviousData });
  const listProps = useInfiniteListProps(list, itemsOf);
  const filtered = hasAuditFilters(view);
  // Which merchant an event belongs to matters only to someone who sees several.
  const showMerchant = viewer.role === 'support' || viewer.merchantIds.length > 1;

  return (
    <div className="space-y-4">
      <FilterPanel
        activeCount={
          [view.merchantId, view.action, view.terminalId, view.ticketId, view.from, view.to].filter(Boolean)
            .length
        }
        onClear={filtered ? () => setView(CLEARED_AUDIT_FILTERS) : undefined}
        primary={
          <SearchField
            label={t('audit.filters.actor')}
            description={t('audit.filters.actorHint')}
            value={view.actor ?? ''}
            onCommit={(actor) => setView({ actor })}
            maxLength={64}
          />
        }
      >
        <MerchantFilter
          value={view.merchantId}
          onChange={(merchantId) => setView({ merchantId })}
          anyMerchant={viewer.role === 'support'}
          merchantIds={viewer.merchantIds}
        />
        <SelectField
          label={t('audit.filters.action')}
          value={view.action ?? ''}
          onChange={(event) => setView({ action: event.target.value })}
        >
          <option value="">{t('audit.filters.anyAction')}</option>
          {AuditAction.options.map((action) => (
            <option key={action} value={action}>
              {t(`audit.action.${actionKey(action)}` as 'audit.action.auth__login')}
            </option>
          ))}
        </SelectField>
        <TerminalFilter value={view.terminalId} onChange={(terminalId) => setView({ terminalId })} />
        <SearchField
          label={t('audit.filters.ticket')}
          description={t('audit.filters.ticketHint')}
          value={view.ticketId ?? ''}
          onCommit={(ticketId) => setView({ ticketId })}
          maxLength={64}
        />
        <DateRangeFields
          className="sm:col-span-2"
          from={view.from}
          to={view.to}
          onChange={({ from, to }) => setView({ from, to })}
        />
      </FilterPanel>

      {listProps.total !== undefined ? (
        <p className="text-sm font-semibold text-gray-900" aria-busy={list.isPlaceholderData || undefined}>
          {t('audit.total', { count: listProps.total, formatted: format.number(listProps.total) })}
        </p>
      ) : null}

      <VirtualList
        {...listProps}
        label={t('audit.list')}
        getKey={idOf}
        header={<Header />}
        headerClassName={layout.header}
        rowClassName={layout.row}
        estimateRowHeight={72}
        renderRow={(event) => <AuditRow event={event} showMerchant={showMerchant} />}
        empty={
          <EmptyState title={t(filtered ? 'audit.empty.filteredTitle' : 'audit.empty.title')}>
            <p>{t(filtered ? 'audit.empty.filteredBody' : 'audit.empty.body')}</p>
            {filtered ? (
              <Button variant="secondary" className="mt-4" onClick={() => setView(CLEARED_AUDIT_FILTERS)}>
                {t('audit.filters.clear')}
              </Button>
            ) : null}
          </EmptyState>
        }
      />
    </div>
  );
}
