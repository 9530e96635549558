import {
  TerminalDetail,
  TerminalFacets,
  TerminalExportQuery,
  TerminalFacetsQuery,
  TerminalListQuery,
  TerminalPage,
} from '../schemas/terminals';
import { CredentialRevoked } from '../terminal-protocol';
import type { Endpoint } from './endpoint';

export const terminals = {
  method: 'GET',
  path: '/terminals',
  query: TerminalListQuery,
  response: TerminalPage,
  status: 200,
} as const satisfies Endpoint;

export const terminalsExport = {
  method: 'GET',
  path: '/terminals/export',
  query: TerminalExportQuery,
  response: 'csv',
  status: 200,
} as const satisfies Endpoint;

export const terminalFacets = {
  method: 'GET',
  path: '/terminals/facets',
  query: TerminalFacetsQuery,
  response: TerminalFacets,
  status: 200,
} as const satisfies Endpoint;

export const terminal = {
  method: 'GET',
  path: '/terminals/:tid',
  response: TerminalDetail,
  status: 200,
} as const satisfies Endpoint;

/** The terminal's protocol credential stops working at once; it must be activated again with a new code. */
export const revokeTerminalCredential = {
  method: 'POST',
  path: '/terminals/:tid/credential/revoke',
  response: CredentialRevoked,
  status: 200,
  idempotent: true,
} as const satisfies Endpoint;
