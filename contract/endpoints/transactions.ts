import {
  TransactionDetail,
  TransactionExportQuery,
  TransactionPage,
  TransactionQuery,
  VoidSummary,
  VoidSummaryQuery,
} from '../schemas/transactions';
import type { Endpoint } from './endpoint';

export const transactions = {
  method: 'GET',
  path: '/transactions',
  query: TransactionQuery,
  response: TransactionPage,
  status: 200,
} as const satisfies Endpoint;

export const transactionsExport = {
  method: 'GET',
  path: '/transactions/export',
  query: TransactionExportQuery,
  response: 'csv',
  status: 200,
} as const satisfies Endpoint;

export const voidSummary = {
  method: 'GET',
  path: '/transactions/void-summary',
  query: VoidSummaryQuery,
  response: VoidSummary,
  status: 200,
} as const satisfies Endpoint;

export const transaction = {
  method: 'GET',
  path: '/transactions/:id',
  response: TransactionDetail,
  status: 200,
} as const satisfies Endpoint;
