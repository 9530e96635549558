import {
  TerminalDetail,
  TerminalFacets,
  TerminalExportQuery,
  TerminalFacetsQuery,
  TerminalListQuery,
  TerminalPage,
} from '../schemas/terminals';
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
