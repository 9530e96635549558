import type { EndpointName } from '@contract/endpoint-table';
import { ErrorCode } from '@contract/schemas/common';
import { DAY } from './clock';
import { SimProblem } from './problem';
import { markChanged, type SimState } from './state';
import type { IdempotencyRecord } from './types';

export const IDEMPOTENCY_TTL_MS = DAY;

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

// Only a hash is kept: the body may hold PINs.
export function requestHashOf(state: SimState, path: string, body: unknown): string {
  return state.hasher.digest(`idempotency:${path}\n${canonical(body ?? null)}`);
}

export function requireIdempotencyKey(headers: Record<string, string>): string {
  const key = headers['idempotency-key']?.trim();
  if (!key || key.length > 200) {
    throw new SimProblem(400, ErrorCode.malformed, 'This request needs an Idempotency-Key header.', {
      errors: [
        { field: 'Idempotency-Key', code: 'required', message: 'missing or longer than 200 characters' },
      ],
    });
  }
  return key;
}

export function recordKeyOf(userId: string, endpoint: EndpointName, key: string): string {
  return `${userId} ${endpoint} ${key}`;
}

export function findReplay(
  state: SimState,
  recordKey: string,
  requestHash: string,
  now: number,
): IdempotencyRecord | null {
  const record = state.idempotency.get(recordKey);
  if (!record || now - record.createdAt >= IDEMPOTENCY_TTL_MS) return null;
  if (record.requestHash !== requestHash) {
    throw new SimProblem(
      422,
      ErrorCode.idempotencyMismatch,
      'This Idempotency-Key was used for a different request.',
    );
  }
  return record;
}

// A temporary PIN stays in memory only (see SimState).
export function rememberResult(
  state: SimState,
  recordKey: string,
  requestHash: string,
  status: number,
  body: unknown,
  now: number,
): void {
  let stored = body;
  if (body && typeof body === 'object' && 'temporaryPassword' in body) {
    const { temporaryPassword, ...rest } = body as { temporaryPassword?: unknown };
    if (typeof temporaryPassword === 'string') state.temporaryPasswords.set(recordKey, temporaryPassword);
    stored = rest;
  }
  state.idempotency.set(recordKey, { key: recordKey, requestHash, status, body: stored, createdAt: now });
  markChanged(state, 'idempotency', recordKey);
}

export function replayBody(state: SimState, record: IdempotencyRecord): unknown {
  const temporaryPassword = state.temporaryPasswords.get(record.key);
  if (temporaryPassword === undefined || !record.body || typeof record.body !== 'object') return record.body;
  return { ...record.body, temporaryPassword };
}

export function pruneIdempotency(state: SimState, now: number): void {
  for (const [key, record] of state.idempotency) {
    if (now - record.createdAt >= IDEMPOTENCY_TTL_MS) {
      state.idempotency.delete(key);
      state.temporaryPasswords.delete(key);
      markChanged(state, 'idempotency', key);
    }
  }
}
