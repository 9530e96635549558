import { useId } from 'react';
import { addBusinessDays, businessDayStart } from '@/i18n/format';
import { useTranslation } from '@/i18n/use-translation';

// `to` is included in the fields and excluded in the API; a reversed range is no range.
export function businessDayRange(
  from: string | undefined,
  to: string | undefined,
): { from?: string; to?: string } {
  if (from && to && to < from) return {};
  return {
    ...(from ? { from: businessDayStart(from) } : {}),
    ...(to ? { to: businessDayStart(addBusinessDays(to, 1)) } : {}),
  };
}

const inputClass =
  'focus-ring mt-1 block w-full rounded-md border bg-white px-3 py-2 text-base text-gray-900 shadow-sm sm:text-sm';

export function DateRangeFields({
  from,
  to,
  onChange,
  className = '',
}: {
  from: string | undefined;
  to: string | undefined;
  onChange: (range: { from: string | undefined; to: string | undefined }) => void;
  className?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const reversed = Boolean(from && to && to < from);
  return (
    <fieldset className={`min-w-0 ${className}`}>
      <legend className="sr-only">{t('dateRange.legend')}</legend>
      <div className="grid grid-cols-2 gap-3">
        <div>
          <label htmlFor={`${id}-from`} className="block text-sm font-medium text-gray-900">
            {t('dateRange.from')}
          </label>
          <input
            id={`${id}-from`}
            type="date"
            value={from ?? ''}
            onChange={(event) => onChange({ from: event.target.value || undefined, to })}
            className={`${inputClass} border-gray-400`}
          />
        </div>
        <div>
          <label htmlFor={`${id}-to`} className="block text-sm font-medium text-gray-900">
            {t('dateRange.to')}
          </label>
          <input
            id={`${id}-to`}
            type="date"
            value={to ?? ''}
            min={from}
            aria-invalid={reversed || undefined}
            aria-describedby={reversed ? `${id}-error` : undefined}
            onChange={(event) => onChange({ from, to: event.target.value || undefined })}
            className={`${inputClass} ${reversed ? 'border-red-600' : 'border-gray-400'}`}
          />
        </div>
      </div>
      {reversed ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {t('dateRange.reversed')}
        </p>
      ) : null}
    </fieldset>
  );
}
