import { type Ref, useId } from 'react';
import { FieldError } from '@/components/field-error';
import { useTranslation } from '@/i18n/use-translation';
import { normalizePinInput } from '../api/pin-rules';

/**
 * No `maxLength`: a pasted "246 813" must arrive whole, and a too-long PIN is said in words rather than cut.
 */
export function PinField({
  label,
  autoComplete,
  value,
  onChange,
  onBlur,
  name,
  ref,
  shown,
  onToggleShown,
  error,
  describedBy,
  readOnly,
}: {
  label: string;
  autoComplete: 'new-password' | 'current-password';
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  name: string;
  ref?: Ref<HTMLInputElement>;
  shown: boolean;
  onToggleShown: () => void;
  error?: string | undefined;
  describedBy?: string | undefined;
  readOnly?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const errorId = `${id}-error`;
  const described = [error ? errorId : null, describedBy ?? null].filter(Boolean).join(' ') || undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-gray-900">
        {label}
      </label>
      <div className="mt-1 flex items-stretch gap-2">
        <input
          ref={ref}
          id={id}
          name={name}
          type={shown ? 'text' : 'password'}
          inputMode="numeric"
          autoComplete={autoComplete}
          autoCorrect="off"
          autoCapitalize="off"
          spellCheck={false}
          value={value}
          readOnly={readOnly}
          onChange={(event) => onChange(normalizePinInput(event.target.value))}
          onBlur={onBlur}
          aria-invalid={error ? true : undefined}
          aria-describedby={described}
          className={[
            'focus-ring block w-full min-w-0 rounded-md border bg-white px-3 py-2 font-mono text-base tracking-[0.3em] text-gray-900 shadow-sm read-only:bg-gray-100',
            error ? 'border-red-600' : 'border-gray-400',
          ].join(' ')}
        />
        <button
          type="button"
          onClick={onToggleShown}
          aria-label={t(shown ? 'passwords.fields.hideNamed' : 'passwords.fields.showNamed', {
            field: label,
          })}
          className="focus-ring shrink-0 rounded-md border border-gray-300 bg-white px-3 text-sm font-medium text-gray-900 hover:bg-gray-50"
        >
          {t(shown ? 'passwords.fields.hide' : 'passwords.fields.show')}
        </button>
      </div>
      <FieldError id={errorId} error={error} />
    </div>
  );
}
