import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useApiSessionEvents } from '@/features/auth/use-api-session-events';
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
      <QueryClientProvider client={queryClient}>
        <ApiSessionEvents />
        {children}
      </QueryClientProvider>
    </AppConfigProvider>
  );
}
