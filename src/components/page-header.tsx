import type { ReactNode } from 'react';
import { useDocumentTitle } from './use-document-title';

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  useDocumentTitle(title);
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      {/* May be a merchant's name: any length, any script. */}
      <h1 dir="auto" className="min-w-0 text-2xl font-semibold tracking-tight wrap-anywhere text-gray-900">
        {title}
      </h1>
      {children}
    </div>
  );
}
