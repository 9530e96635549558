import type { QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { createBrowserRouter, type DataRouter, RouterProvider } from 'react-router';
import type { AppConfig } from './app-config';
import { AppProvider } from './provider';
import { createQueryClient } from './query-client';
import { createAppRoutes } from './router';

export interface AppProps {
  config: AppConfig;
  queryClient?: QueryClient;
  router?: DataRouter;
}

export function App({ config, queryClient: givenQueryClient, router: givenRouter }: AppProps) {
  const [queryClient] = useState(() => givenQueryClient ?? createQueryClient());
  const [router] = useState(() => givenRouter ?? createBrowserRouter(createAppRoutes(config)));
  return (
    <AppProvider config={config} queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProvider>
  );
}
