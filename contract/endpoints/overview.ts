import { Overview, OverviewQuery } from '../schemas/overview';
import type { Endpoint } from './endpoint';

export const overview = {
  method: 'GET',
  path: '/overview',
  query: OverviewQuery,
  response: Overview,
  status: 200,
} as const satisfies Endpoint;
