import type { Endpoint } from './endpoint';

/** Live updates as Server-Sent Events (contract/schemas/events.ts, decision 023). */
export const events = {
  method: 'GET',
  path: '/events',
  response: 'event-stream',
  status: 200,
} as const satisfies Endpoint;
