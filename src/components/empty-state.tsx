import type { ReactNode } from 'react';

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <section className="rounded-lg border border-dashed border-gray-300 bg-white p-8 text-center">
      <h2 className="text-base font-semibold text-gray-900">{title}</h2>
      {children ? <div className="mx-auto mt-2 max-w-prose text-sm text-gray-700">{children}</div> : null}
    </section>
  );
}
