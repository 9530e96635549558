import { useQuery } from '@tanstack/react-query';
import { terminalQueries } from '@/api/queries/terminals';
import { FilterPanel } from '@/components/filter-panel';
import { SearchField } from '@/components/search-field';
import { SelectField } from '@/components/select-field';
import { StoreFilter } from '@/components/store-filter';
import type { UrlStatePatch } from '@/components/use-url-state';
import type { MessageKey } from '@/i18n/messages';
import { useTranslation } from '@/i18n/use-translation';
import { STALE_PASSWORD_DAYS, TerminalSort } from '@contract/schemas/terminals';
import { activePanelFilters, CLEARED_FILTERS, DEFAULT_SORT, type FleetView } from '../api/fleet-view';

const sortLabel = {
  tid: 'devices.filters.sortBy.tid',
  '-tid': 'devices.filters.sortBy.tidDesc',
  '-lastSeenAt': 'devices.filters.sortBy.lastSeenAtDesc',
  lastSeenAt: 'devices.filters.sortBy.lastSeenAt',
  storeName: 'devices.filters.sortBy.storeName',
  '-storeName': 'devices.filters.sortBy.storeNameDesc',
  model: 'devices.filters.sortBy.model',
  '-model': 'devices.filters.sortBy.modelDesc',
  passwordChangedAt: 'devices.filters.sortBy.passwordChangedAt',
  '-passwordChangedAt': 'devices.filters.sortBy.passwordChangedAtDesc',
} as const satisfies Record<TerminalSort, MessageKey>;

const PASSWORD_SORTS: readonly TerminalSort[] = ['passwordChangedAt', '-passwordChangedAt'];

export function FleetFilters({
  view,
  onChange,
  merchantId,
  voidPasswords,
}: {
  view: FleetView;
  onChange: (patch: UrlStatePatch<typeof FleetView>) => void;
  merchantId?: string;
  voidPasswords: boolean;
}) {
  const { t } = useTranslation();
  const facets = useQuery({ ...terminalQueries.facets(merchantId), throwOnError: false });
  const models = facets.data?.models ?? [];
  // A model from the link that the choices (not loaded yet, or gone) do not have.
  const modelKnown = !view.model || models.some((m) => m.model === view.model);

  const active = activePanelFilters(view);

  return (
    <FilterPanel
      activeCount={active}
      onClear={() => onChange(CLEARED_FILTERS)}
      primary={
        <SearchField
          className="sm:col-span-2"
          label={t('devices.filters.search')}
          description={t('devices.filters.searchHint')}
          value={view.q ?? ''}
          onCommit={(q) => onChange({ q })}
          maxLength={64}
        />
      }
    >
      <SelectField
        label={t('devices.filters.status')}
        value={view.status ?? ''}
        onChange={(event) => onChange({ status: event.target.value })}
      >
        <option value="">{t('devices.filters.any')}</option>
        <option value="online">{t('devices.connectivity.online')}</option>
        <option value="offline">{t('devices.connectivity.offline')}</option>
      </SelectField>
      {voidPasswords ? (
        <>
          <SelectField
            label={t('devices.filters.passwordState')}
            value={view.passwordState ?? ''}
            onChange={(event) => onChange({ passwordState: event.target.value })}
          >
            <option value="">{t('devices.filters.any')}</option>
            <option value="default">{t('devices.voidPassword.default')}</option>
            <option value="custom">{t('devices.voidPassword.custom')}</option>
            <option value="locked">{t('devices.voidPassword.locked')}</option>
            <option value="temporary">{t('devices.filters.temporary')}</option>
          </SelectField>
          <SelectField
            label={t('devices.filters.passwordAge')}
            value={view.passwordAge ?? ''}
            onChange={(event) => onChange({ passwordAge: event.target.value })}
          >
            <option value="">{t('devices.filters.any')}</option>
            <option value="stale">
              {t('devices.filters.passwordAgeStale', { days: STALE_PASSWORD_DAYS })}
            </option>
          </SelectField>
          <SelectField
            label={t('devices.filters.command')}
            value={view.command ?? ''}
            onChange={(event) => onChange({ command: event.target.value })}
          >
            <option value="">{t('devices.filters.any')}</option>
            <option value="open">{t('devices.filters.commandOpen')}</option>
          </SelectField>
        </>
      ) : null}
      <StoreFilter
        merchantId={merchantId}
        value={view.storeId}
        onChange={(storeId) => onChange({ storeId })}
      />
      <SelectField
        label={t('devices.filters.model')}
        value={view.model ?? ''}
        onChange={(event) => onChange({ model: event.target.value })}
      >
        <option value="">{t('devices.filters.allModels')}</option>
        {modelKnown ? null : <option value={view.model}>{view.model}</option>}
        {models.map((m) => (
          <option key={m.model} value={m.model}>
            {m.model}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('devices.filters.firmware')}
        value={view.firmware ?? ''}
        onChange={(event) => onChange({ firmware: event.target.value })}
      >
        <option value="">{t('devices.filters.any')}</option>
        <option value="outdated">{t('devices.filters.firmwareOutdated')}</option>
      </SelectField>
    </FilterPanel>
  );
}

/** The default (TID ascending) is not written to the URL. */
export function FleetSort({
  view,
  onChange,
  voidPasswords,
}: {
  view: FleetView;
  onChange: (patch: UrlStatePatch<typeof FleetView>) => void;
  voidPasswords: boolean;
}) {
  const { t } = useTranslation();
  return (
    <SelectField
      label={t('devices.filters.sort')}
      value={view.sort ?? DEFAULT_SORT}
      onChange={(event) =>
        onChange({ sort: event.target.value === DEFAULT_SORT ? undefined : event.target.value })
      }
    >
      {TerminalSort.options
        .filter((sort) => voidPasswords || !PASSWORD_SORTS.includes(sort))
        .map((sort) => (
          <option key={sort} value={sort}>
            {t(sortLabel[sort])}
          </option>
        ))}
    </SelectField>
  );
}
