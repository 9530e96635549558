import { alerts } from './endpoints/alerts';
import { auditEvents } from './endpoints/audit';
import { login, logout, session, stepUp } from './endpoints/auth';
import type { Endpoint } from './endpoints/endpoint';
import { events } from './endpoints/events';
import { bulkFirmwareUpdate, scheduleFirmwareUpdate } from './endpoints/firmware';
import { merchant, merchants } from './endpoints/merchants';
import { overview } from './endpoints/overview';
import {
  revokeTerminalCredential,
  terminal,
  terminalFacets,
  terminals,
  terminalsExport,
} from './endpoints/terminals';
import { transaction, transactions, transactionsExport, voidSummary } from './endpoints/transactions';
import {
  bulkReset,
  cancelCommand,
  changeVoidPassword,
  command,
  commandHistory,
  job,
  resetVoidPassword,
} from './endpoints/void-passwords';

export { API_BASE_PATH, buildPath, type Endpoint } from './endpoints/endpoint';

/**
 * Read by the simulator, the server and the contract tests; the app imports per-area modules so a screen
 * loads only its schemas.
 */
export const endpoints = {
  login,
  logout,
  session,
  stepUp,
  merchants,
  merchant,
  terminals,
  terminalsExport,
  terminalFacets,
  terminal,
  revokeTerminalCredential,
  scheduleFirmwareUpdate,
  bulkFirmwareUpdate,
  changeVoidPassword,
  resetVoidPassword,
  commandHistory,
  command,
  cancelCommand,
  bulkReset,
  job,
  transactions,
  transactionsExport,
  voidSummary,
  transaction,
  auditEvents,
  alerts,
  overview,
  events,
} as const satisfies Record<string, Endpoint>;

export type EndpointName = keyof typeof endpoints;
