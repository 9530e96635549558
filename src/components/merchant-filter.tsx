import { useTranslation } from '@/i18n/use-translation';
import { SearchField } from './search-field';
import { SelectField } from './select-field';

const MERCHANT_ID = /^\d{15}$/;

/** An empty value means every merchant the user reaches. */
export function MerchantFilter({
  value,
  onChange,
  anyMerchant,
  merchantIds,
  className = '',
}: {
  value: string | undefined;
  onChange: (merchantId: string | undefined) => void;
  anyMerchant: boolean;
  merchantIds: readonly string[];
  className?: string;
}) {
  const { t } = useTranslation();
  if (anyMerchant) {
    return (
      <SearchField
        label={t('merchantFilter.label')}
        description={t('merchantFilter.hint')}
        value={value ?? ''}
        onCommit={(text) => onChange(text || undefined)}
        validate={(text) => (text === '' || MERCHANT_ID.test(text) ? undefined : t('merchantFilter.invalid'))}
        inputMode="numeric"
        maxLength={15}
        className={className}
      />
    );
  }
  if (merchantIds.length < 2) return null;
  return (
    <SelectField
      label={t('merchantFilter.label')}
      value={value ?? ''}
      onChange={(event) => onChange(event.target.value || undefined)}
      className={className}
    >
      <option value="">{t('merchantFilter.all')}</option>
      {merchantIds.map((id) => (
        <option key={id} value={id}>
          {id}
        </option>
      ))}
    </SelectField>
  );
}
