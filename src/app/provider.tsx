import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { I18nProvider } from '@lingui/react';
import { useApiSessionEvents } from '@/features/auth/use-api-session-events';
import { i18n } from '@/i18n/i18n';
import { type AppConfig, AppConfigProvider } from './app-config';

function ApiSessionEvents() {
  useApiSessionEvents();
  return null;
}

export function AppProvider({
  config,
  queryClient,
  children,
}: {
  config: AppConfig;
  queryClient: QueryClient;
  children: ReactNode;
}) {
  return (
    <AppConfigProvider config={config}>
      <I18nProvider i18n={i18n}>
        <QueryClientProvider client={queryClient}>
          <ApiSessionEvents />
          {children}
        </QueryClientProvider>
      </I18nProvider>
    </AppConfigProvider>
  );
}
