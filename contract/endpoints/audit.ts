import { AuditPage, AuditQuery } from '../schemas/audit';
import type { Endpoint } from './endpoint';

export const auditEvents = {
  method: 'GET',
  path: '/audit-events',
  query: AuditQuery,
  response: AuditPage,
  status: 200,
} as const satisfies Endpoint;
