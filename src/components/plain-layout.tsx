import type { ReactNode } from 'react';
import { useTranslation } from '@/i18n/use-translation';
import { LanguageSelect } from './language-select';
import { MockDataBadge } from './mock-data-badge';

export function PlainLayout({ mocking, children }: { mocking: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="flex min-h-dvh flex-col bg-gray-50">
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-gray-200 bg-white px-4 py-3">
        <p className="text-base font-semibold text-gray-900">{t('app.productName')}</p>
        {/* The build constant first: a build with mocking off has no badge code at all. */}
        {__API_MOCKING__ && mocking ? <MockDataBadge /> : null}
        <LanguageSelect className="ml-auto" />
      </header>
      <main id="main-content" className="flex flex-1 justify-center px-4 py-10 sm:py-16">
        {children}
      </main>
    </div>
  );
}
