import { messages as alerts } from './en/alerts';
import { messages as audit } from './en/audit';
import { messages as core } from './en/core';
import { messages as devices } from './en/devices';
import { messages as overview } from './en/overview';
import { messages as passwords } from './en/passwords';
import { messages as shell } from './en/shell';
import { messages as support } from './en/support';
import { messages as transactions } from './en/transactions';

/**
 * English messages, one file per namespace (`./en/*.ts`, see ../namespaces.ts): a page
 * fetches only the namespaces it shows. The shape of these objects is the source of the
 * typed keys: zh-CN must provide every key (see `Messages` in ../messages.ts).
 */
export const enNamespaces = {
  core,
  shell,
  transactions,
  overview,
  audit,
  alerts,
  devices,
  passwords,
  support,
} as const;

/** All English messages in one tree, for tests and types (the app loads them per namespace). */
export const en = {
  ...core,
  ...shell,
  ...transactions,
  ...overview,
  ...audit,
  ...alerts,
  ...devices,
  ...passwords,
  ...support,
} as const;
