/**
 * The message catalog is cut into namespaces by area, so a page fetches the words it shows
 * and not the whole catalog (docs/performance.md). Keys keep their full path
 * (`devices.status.online`); each first segment lives in exactly one namespace
 * (src/i18n/i18n.test.ts), and loaded namespaces merge into one set of messages.
 *
 * - `core`: what any screen may show, sign-in included — product name, errors, languages.
 * - `shell`: the signed-in frame and the widgets shared by its pages (navigation, user
 *   menu, idle warning, filters, lists, export).
 * - the rest: one per area, fetched with its page (src/app/page-messages.ts).
 */
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
