import type { MockFault } from '@/api/schemas/mock-control';
import type { FaultRecord } from './types';

function patternOf(path: string): RegExp {
  const source = path
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`);
}

export function faultRecord(fault: MockFault): FaultRecord {
  return {
    method: fault.method,
    path: fault.path,
    pattern: patternOf(fault.path),
    status: fault.status,
    networkError: fault.networkError,
    delayMs: fault.delayMs,
    malformed: fault.malformed,
    remaining: fault.times ?? 1,
  };
}

/**
 * Takes the first fault matching the call, counting one use. `path` matches the full
 * pathname (`/api/v1/terminals*`) or the part after the API base (`/terminals*`); the
 * query string is never part of it. Method `*` or `ANY` matches every method.
 */
export function takeFault(
  faults: FaultRecord[],
  method: string,
  fullPath: string,
  apiPath: string | null,
): FaultRecord | null {
  const upper = method.toUpperCase();
  const index = faults.findIndex(
    (f) =>
      (f.method === '*' || f.method === 'ANY' || f.method === upper) &&
      (f.pattern.test(fullPath) || (apiPath !== null && f.pattern.test(apiPath))),
  );
  if (index < 0) return null;
  const fault = faults[index]!;
  fault.remaining--;
  if (fault.remaining <= 0) faults.splice(index, 1);
  return fault;
}
