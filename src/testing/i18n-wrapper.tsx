import { I18nProvider } from '@lingui/react';
import type { ReactNode } from 'react';
import { i18n } from '@/i18n/i18n';

/** For a test that renders a component alone: the app's messages, as AppProvider gives them. */
export function I18nWrapper({ children }: { children: ReactNode }) {
  return <I18nProvider i18n={i18n}>{children}</I18nProvider>;
}
