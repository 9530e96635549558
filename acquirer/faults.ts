import type { MockFault } from '@contract/schemas/mock-control';
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

/** `path` matches the full pathname or the part after the API base, never the query string. */
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
