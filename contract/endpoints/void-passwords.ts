import { CommandList, CommandResponse } from '../schemas/commands';
import {
  BulkResetRequest,
  ChangeVoidPasswordRequest,
  JobResponse,
  ResetVoidPasswordRequest,
  ResetVoidPasswordResponse,
} from '../schemas/terminals';
import type { Endpoint } from './endpoint';

export const changeVoidPassword = {
  method: 'POST',
  path: '/terminals/:tid/void-password/change',
  body: ChangeVoidPasswordRequest,
  response: CommandResponse,
  status: 202,
  idempotent: true,
} as const satisfies Endpoint;

export const resetVoidPassword = {
  method: 'POST',
  path: '/terminals/:tid/void-password/reset',
  body: ResetVoidPasswordRequest,
  response: ResetVoidPasswordResponse,
  status: 202,
  idempotent: true,
} as const satisfies Endpoint;

export const commandHistory = {
  method: 'GET',
  path: '/terminals/:tid/void-password/commands',
  response: CommandList,
  status: 200,
} as const satisfies Endpoint;

export const command = {
  method: 'GET',
  path: '/password-commands/:id',
  response: CommandResponse,
  status: 200,
} as const satisfies Endpoint;

export const cancelCommand = {
  method: 'POST',
  path: '/password-commands/:id/cancel',
  response: CommandResponse,
  status: 200,
  idempotent: true,
} as const satisfies Endpoint;

export const bulkReset = {
  method: 'POST',
  path: '/void-password/bulk-resets',
  body: BulkResetRequest,
  response: JobResponse,
  status: 202,
  idempotent: true,
} as const satisfies Endpoint;

export const job = {
  method: 'GET',
  path: '/jobs/:id',
  response: JobResponse,
  status: 200,
} as const satisfies Endpoint;
