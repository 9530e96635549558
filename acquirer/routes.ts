import type { EndpointName } from '@contract/endpoint-table';
import type { RouteHandler } from './context';
import { listAlerts } from './rules/alerts';
import { listAuditEvents } from './rules/audit';
import { currentSession, login, logout, stepUp } from './rules/auth';
import { createBulkReset, getJob } from './rules/bulk-reset';
import {
  cancelCommand,
  changeVoidPassword,
  commandHistory,
  getCommand,
  resetVoidPassword,
} from './rules/commands';
import { bulkFirmwareUpdate, scheduleFirmwareUpdate } from './rules/firmware';
import { openLiveEvents } from './rules/live';
import { revokeTerminalCredential } from './rules/terminal-protocol';
import { exportTerminals, exportTransactions } from './views/exports';
import { getMerchant, listMerchants } from './views/merchants';
import { getOverview } from './views/overview';
import { getTerminal, listTerminals, terminalFacets } from './views/terminals';
import { getTransaction, listTransactions } from './views/transactions';
import { voidSummary } from './views/voids';

export const routeHandlers: Record<EndpointName, RouteHandler> = {
  login,
  logout,
  session: currentSession,
  stepUp,
  merchants: listMerchants,
  merchant: getMerchant,
  terminals: listTerminals,
  terminalsExport: exportTerminals,
  terminalFacets,
  terminal: getTerminal,
  revokeTerminalCredential,
  scheduleFirmwareUpdate,
  bulkFirmwareUpdate,
  changeVoidPassword,
  resetVoidPassword,
  commandHistory,
  command: getCommand,
  cancelCommand,
  bulkReset: createBulkReset,
  job: getJob,
  transactions: listTransactions,
  transactionsExport: exportTransactions,
  voidSummary,
  transaction: getTransaction,
  auditEvents: listAuditEvents,
  alerts: listAlerts,
  overview: getOverview,
  events: openLiveEvents,
};
