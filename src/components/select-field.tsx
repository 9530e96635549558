import { type ReactNode, type SelectHTMLAttributes, useId } from 'react';

export function SelectField({
  label,
  className = '',
  children,
  ...selectProps
}: { label: string; className?: string; children: ReactNode } & Omit<
  SelectHTMLAttributes<HTMLSelectElement>,
  'id' | 'children'
>) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-gray-900">
        {label}
      </label>
      <select
        id={id}
        className="focus-ring mt-1 block w-full rounded-md border border-gray-400 bg-white py-2 pr-8 pl-3 text-base text-gray-900 shadow-sm sm:text-sm"
        {...selectProps}
      >
        {children}
      </select>
    </div>
  );
}
