import { ErrorCode } from '@contract/schemas/common';
import { SimProblem } from './problem';

export const DEFAULT_PAGE_SIZE = 50;

export function pageLimit(limit: number | undefined): number {
  return limit ?? DEFAULT_PAGE_SIZE;
}

/**
 * One part of a keyset: a sort value or the tiebreaker. `null` is a value that sorts first (a void
 * password never changed).
 */
export type KeyPart = string | number | null;
export type KeyPartType = 'string' | 'number' | 'number|null';

/**
 * Keyset cursors (decision 004): a list pages by the key of the last row it gave out — its sort value(s)
 * and a unique tiebreaker — never by a position, so a row added or moved between two pages makes no
 * other row repeat or vanish. The cursor names its list (and sort) and is opaque to clients: base64url
 * of a small JSON, ASCII-only (non-ASCII as \u escapes, since btoa takes Latin-1 only).
 */
export function encodeCursor(list: string, key: readonly KeyPart[]): string {
  const json = JSON.stringify({ l: list, k: key }).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return btoa(json).replaceAll('=', '').replaceAll('+', '-').replaceAll('/', '_');
}

function badCursor(): SimProblem {
  return new SimProblem(400, ErrorCode.malformed, 'The cursor is not one this list gave out.', {
    errors: [{ field: 'cursor', code: 'invalid', message: 'unknown cursor' }],
  });
}

function partIs(value: unknown, type: KeyPartType): boolean {
  if (type === 'string') return typeof value === 'string';
  if (value === null) return type === 'number|null';
  return typeof value === 'number' && Number.isFinite(value);
}

/** The key a cursor carries; a cursor of another list or sort, or not one given out, is a 400. */
export function decodeCursor(cursor: string, list: string, shape: readonly KeyPartType[]): KeyPart[] {
  // A key may hold a 500-character store name (~4,000 characters once escaped and encoded): room for
  // twice that, still far inside a request line servers take (Node: 16 KB of headers).
  if (!/^[A-Za-z0-9_-]{1,8192}$/.test(cursor)) throw badCursor();
  let decoded: unknown;
  try {
    decoded = JSON.parse(atob(cursor.replaceAll('-', '+').replaceAll('_', '/')));
  } catch {
    throw badCursor();
  }
  if (typeof decoded !== 'object' || decoded === null) throw badCursor();
  const { l, k } = decoded as { l?: unknown; k?: unknown };
  if (l !== list || !Array.isArray(k) || k.length !== shape.length) throw badCursor();
  if (!shape.every((type, i) => partIs(k[i], type))) throw badCursor();
  return k as KeyPart[];
}

/**
 * The first index of `sorted` whose row comes after the cursor's key: a binary search, as `isAfter`
 * is false for a prefix of the list and true from there on (what `WHERE (key, id) > (?, ?)` finds on an
 * index in SQL).
 */
export function firstAfter<T>(sorted: readonly T[], isAfter: (row: T) => boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (isAfter(sorted[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
