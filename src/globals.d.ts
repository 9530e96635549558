/** Compile-time configuration from vite.config.ts (see src/config/env.ts). */
declare const __API_MOCKING__: boolean;
declare const __API_BASE_URL__: string;
