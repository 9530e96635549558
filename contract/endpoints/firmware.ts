import {
  BulkFirmwareUpdateRequest,
  BulkFirmwareUpdateResponse,
  FirmwareUpdateResponse,
} from '../schemas/firmware';
import type { Endpoint } from './endpoint';

/** Owner or support: queue an update to the model's current release (202 and the command). */
export const scheduleFirmwareUpdate = {
  method: 'POST',
  path: '/terminals/:tid/firmware-update',
  response: FirmwareUpdateResponse,
  status: 202,
  idempotent: true,
} as const satisfies Endpoint;

/** Owner or support: the same for selected terminals or a fleet filter, answered per terminal at once. */
export const bulkFirmwareUpdate = {
  method: 'POST',
  path: '/terminals/firmware-update',
  body: BulkFirmwareUpdateRequest,
  response: BulkFirmwareUpdateResponse,
  status: 200,
  idempotent: true,
} as const satisfies Endpoint;
