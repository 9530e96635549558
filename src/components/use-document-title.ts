import { useEffect } from 'react';
import { useTranslation } from '@/i18n/use-translation';

/** Sets the tab title to "<page> · Merchant Console" in the current language. */
export function useDocumentTitle(page: string): void {
  const { t } = useTranslation();
  const title = t('app.documentTitle', { page });
  useEffect(() => {
    document.title = title;
  }, [title]);
}
