import { ErrorCode } from '@contract/schemas/common';
import { SimProblem } from './problem';

export const DEFAULT_PAGE_SIZE = 50;

export function pageLimit(limit: number | undefined): number {
  return limit ?? DEFAULT_PAGE_SIZE;
}

/** An opaque cursor: clients pass it back unchanged and never build one. */
export function encodeCursor(kind: string, position: number): string {
  return btoa(`${kind}:${position}`).replaceAll('=', '').replaceAll('+', '-').replaceAll('/', '_');
}

export function decodeCursor(cursor: string, kind: string): number {
  let text = '';
  try {
    text = atob(cursor.replaceAll('-', '+').replaceAll('_', '/'));
  } catch {
    text = '';
  }
  const [cursorKind, position] = text.split(':');
  const value = Number(position);
  if (cursorKind !== kind || !Number.isInteger(value) || value < 0) {
    throw new SimProblem(400, ErrorCode.malformed, 'The cursor is not one this list gave out.', {
      errors: [{ field: 'cursor', code: 'invalid', message: 'unknown cursor' }],
    });
  }
  return value;
}
