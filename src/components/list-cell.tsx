import type { ReactNode } from 'react';

// On phones the column headers are hidden, so each cell shows its own label.
export function ListCell({
  label,
  className = '',
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div role="cell" className={`min-w-0 text-sm text-gray-900 ${className}`}>
      <span className="block text-xs text-gray-600 xl:hidden">{label}</span>
      {children}
    </div>
  );
}

export function ListHeaderCell({ children, className = '' }: { children: ReactNode; className?: string }) {
  return (
    <div
      role="columnheader"
      className={`py-2 text-xs font-semibold tracking-wide text-gray-700 uppercase ${className}`}
    >
      {children}
    </div>
  );
}
