// Each first key segment lives in exactly one namespace (i18n.test.ts); `core` is what sign-in may show.
export const NAMESPACES = [
  'core',
  'shell',
  'transactions',
  'overview',
  'audit',
  'alerts',
  'devices',
  'passwords',
  'support',
] as const;
export type Namespace = (typeof NAMESPACES)[number];

export const DEFAULT_NAMESPACE: Namespace = 'core';
