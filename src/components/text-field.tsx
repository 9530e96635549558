import { type InputHTMLAttributes, type Ref, useId } from 'react';
import { FieldError } from './field-error';

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  error?: string | undefined;
  ref?: Ref<HTMLInputElement>;
}

export function TextField({ label, error, className = '', ref, ...inputProps }: TextFieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-gray-900">
        {label}
      </label>
      <input
        ref={ref}
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className={[
          'focus-ring mt-1 block w-full rounded-md border bg-white px-3 py-2 text-base text-gray-900 shadow-sm sm:text-sm',
          error ? 'border-red-600' : 'border-gray-400',
        ].join(' ')}
        {...inputProps}
      />
      <FieldError id={errorId} error={error} />
    </div>
  );
}
