import { createContext, type ReactNode, useContext } from 'react';
import type { DemoAccount } from '@/features/auth/demo-account';

/**
 * Demo accounts reach the UI only this way, so a build with mocking off has neither the mock nor its
 * credentials.
 */
export interface AppConfig {
  mocking: boolean;
  demoAccounts: readonly DemoAccount[];
}

const AppConfigContext = createContext<AppConfig>({ mocking: false, demoAccounts: [] });

export function AppConfigProvider({ config, children }: { config: AppConfig; children: ReactNode }) {
  return <AppConfigContext.Provider value={config}>{children}</AppConfigContext.Provider>;
}

export function useAppConfig(): AppConfig {
  return useContext(AppConfigContext);
}
