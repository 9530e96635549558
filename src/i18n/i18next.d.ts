import 'i18next';
import type { en } from './locales/en';

declare module 'i18next' {
  interface CustomTypeOptions {
    // Every key is typed as if in the default namespace: at run time it is found in the
    // namespace that holds it (the others are fallbacks, see ../namespaces.ts).
    defaultNS: 'core';
    resources: { core: typeof en };
    returnNull: false;
  }
}
