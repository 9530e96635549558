import type { z } from 'zod/mini';
import { type Endpoint, type EndpointName, endpoints } from '@contract/endpoint-table';
import { ErrorCode } from '@contract/schemas/common';
import { SimProblem } from './problem';
import { englishIssues } from './zod-english';

export interface CompiledRoute {
  name: EndpointName;
  endpoint: Endpoint;
  pattern: RegExp;
  paramNames: string[];
}

function compile(name: EndpointName, endpoint: Endpoint): CompiledRoute {
  const paramNames: string[] = [];
  const source = endpoint.path
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      paramNames.push(segment.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return { name, endpoint, pattern: new RegExp(`^${source}/?$`), paramNames };
}

// Static paths first, so `/terminals/export` is not a terminal named "export".
const routes: CompiledRoute[] = (Object.entries(endpoints) as [EndpointName, Endpoint][])
  .map(([name, endpoint]) => compile(name, endpoint))
  .sort((a, b) => a.paramNames.length - b.paramNames.length);

export type RouteMatch =
  | { kind: 'found'; route: CompiledRoute; params: Record<string, string> }
  | { kind: 'method_not_allowed'; allow: string[] }
  | { kind: 'not_found' };

export function matchRoute(method: string, path: string): RouteMatch {
  const allow: string[] = [];
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    if (route.endpoint.method !== method.toUpperCase()) {
      allow.push(route.endpoint.method);
      continue;
    }
    const params: Record<string, string> = {};
    route.paramNames.forEach((name, i) => {
      try {
        params[name] = decodeURIComponent(match[i + 1]!);
      } catch {
        params[name] = match[i + 1]!;
      }
    });
    return { kind: 'found', route, params };
  }
  return allow.length > 0 ? { kind: 'method_not_allowed', allow } : { kind: 'not_found' };
}

export function queryObject(
  query: URLSearchParams | Record<string, string | undefined> | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  if (!query) return out;
  if (query instanceof URLSearchParams) {
    query.forEach((value, key) => (out[key] = value));
    return out;
  }
  for (const [key, value] of Object.entries(query)) if (value !== undefined) out[key] = value;
  return out;
}

export function parseOrReject(schema: z.ZodMiniType, value: unknown, where: 'query' | 'body'): unknown {
  const result = schema.safeParse(value, englishIssues);
  if (result.success) return result.data;
  throw new SimProblem(400, ErrorCode.malformed, `The request ${where} does not match the contract.`, {
    errors: result.error.issues.map((issue) => ({
      field: issue.path.map(String).join('.') || where,
      code: issue.code,
      message: issue.message,
    })),
  });
}
