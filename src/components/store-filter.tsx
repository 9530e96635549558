import { useQuery } from '@tanstack/react-query';
import { terminalQueries } from '@/api/queries/terminals';
import type { TerminalFacets } from '@contract/schemas/terminals';
import { useTranslation } from '@/i18n/use-translation';
import { SelectField } from './select-field';

/** Past this many stores a drop-down stops helping. */
export const MAX_STORE_CHOICES = 300;

/** An empty value means every store. */
export function StoreFilter({
  merchantId,
  value,
  onChange,
}: {
  merchantId: string | undefined;
  value: string | undefined;
  onChange: (storeId: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const facets = useQuery({ ...terminalQueries.facets(merchantId), throwOnError: false });
  const stores = facets.data?.stores ?? [];
  if (!value && (stores.length === 0 || stores.length > MAX_STORE_CHOICES)) return null;
  const merchants = [...new Set(stores.map((store) => store.merchantId))];
  const options = (list: TerminalFacets['stores']) =>
    list.map((store) => (
      <option key={store.id} value={store.id}>
        {store.name}
      </option>
    ));
  return (
    <SelectField
      label={t('storeFilter.label')}
      value={value ?? ''}
      onChange={(event) => onChange(event.target.value || undefined)}
    >
      <option value="">{t('storeFilter.all')}</option>
      {/* A store from the link that is not (yet) among the choices still shows as chosen. */}
      {value && !stores.some((store) => store.id === value) ? <option value={value}>{value}</option> : null}
      {merchants.length > 1
        ? merchants.map((mid) => (
            <optgroup key={mid} label={t('storeFilter.merchantGroup', { mid })}>
              {options(stores.filter((store) => store.merchantId === mid))}
            </optgroup>
          ))
        : options(stores)}
    </SelectField>
  );
}
