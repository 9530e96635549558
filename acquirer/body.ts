import { ErrorCode } from '@contract/schemas/common';
import { SimProblem } from './problem';
import type { SimRequest } from './types';

/** No body of the contract is deeper than 4; the margin is for nothing but tolerance. */
export const MAX_BODY_DEPTH = 32;

const JSON_MEDIA_TYPE = /^application\/json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

function tooDeep(): SimProblem {
  return new SimProblem(
    400,
    ErrorCode.malformed,
    `The request body nests deeper than ${MAX_BODY_DEPTH} levels.`,
  );
}

/** Scans the text, so a deep body is refused before anything (parser, hashing, schema) recurses into it. */
function textDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** For a value handed over already parsed (in-process hosts, tests): walked without recursion. */
function valueDepthExceeds(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth > max) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

/** The body as JSON: absent when empty; 400 when it is not JSON or nests too deep. */
export function bodyOf(request: SimRequest): unknown {
  if (request.bodyText === undefined) {
    if (valueDepthExceeds(request.body, MAX_BODY_DEPTH)) throw tooDeep();
    return request.body;
  }
  if (request.bodyText.trim() === '') return undefined;
  if (textDepthExceeds(request.bodyText, MAX_BODY_DEPTH)) throw tooDeep();
  try {
    return JSON.parse(request.bodyText) as unknown;
  } catch {
    throw new SimProblem(400, ErrorCode.malformed, 'The request body is not JSON.');
  }
}

function hasBody(request: SimRequest): boolean {
  return request.bodyText === undefined ? request.body !== undefined : request.bodyText.trim() !== '';
}

/**
 * An API request with a body declares it as JSON (`application/json`, UTF-8 if a charset is named), else 415:
 * a body of `text/plain` or a form type is what a cross-site form can send without a preflight.
 */
export function apiBodyOf(request: SimRequest, headers: Record<string, string>): unknown {
  if (hasBody(request) && !JSON_MEDIA_TYPE.test(headers['content-type']?.trim() ?? '')) {
    throw new SimProblem(
      415,
      ErrorCode.unsupportedMediaType,
      'The request body must be JSON, sent as Content-Type: application/json.',
    );
  }
  return bodyOf(request);
}
