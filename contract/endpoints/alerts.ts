import { AlertList } from '../schemas/alerts';
import type { Endpoint } from './endpoint';

export const alerts = {
  method: 'GET',
  path: '/alerts',
  response: AlertList,
  status: 200,
} as const satisfies Endpoint;
