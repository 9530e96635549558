import { z } from 'zod/mini';
import { API_BASE_PATH, type Endpoint, endpoints } from '@contract/endpoint-table';
import { ProblemDetails } from '@contract/schemas/common';
import { LIVE_EVENTS_KEPT_MINUTES, LIVE_HEARTBEAT_SECONDS, LiveEvent } from '@contract/schemas/events';
import { TERMINAL_BASE_PATH, terminalEndpoints, TerminalHeader } from '@contract/terminal-protocol';

type JsonSchema = Record<string, unknown>;

const requestSchema = (schema: z.ZodMiniType): JsonSchema =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
const responseSchema = (schema: z.ZodMiniType): JsonSchema =>
  z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as JsonSchema;

const problemContent = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };

function operation(name: string, endpoint: Endpoint) {
  const pathParams = [...endpoint.path.matchAll(/:([a-zA-Z]+)/g)].map((m) => ({
    name: m[1]!,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const query = endpoint.query ? requestSchema(endpoint.query) : null;
  const required = new Set((query?.required as string[] | undefined) ?? []);
  const queryParams = Object.entries((query?.properties as Record<string, JsonSchema> | undefined) ?? {}).map(
    ([key, schema]) => ({ name: key, in: 'query', required: required.has(key), schema }),
  );
  const headers = [];
  if (endpoint.response === 'event-stream') {
    headers.push({
      name: 'Last-Event-ID',
      in: 'header',
      required: false,
      description:
        'The id of the last event received: the stream resumes after it (EventSource sends it itself).',
      schema: { type: 'string', pattern: '^\\d{1,16}$' },
    });
  }
  if (endpoint.method !== 'GET' && name !== 'login') {
    headers.push({ name: 'X-CSRF-Token', in: 'header', required: true, schema: { type: 'string' } });
  }
  if (endpoint.idempotent) {
    headers.push({ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } });
  }
  if (endpoint.path.startsWith('/terminals/:tid/') && endpoint.method === 'POST') {
    headers.push({
      name: 'If-Match',
      in: 'header',
      required: false,
      description: "The terminal's `version` (ETag); a stale one is a 412 `version.conflict`.",
      schema: { type: 'string' },
    });
  }
  const success =
    endpoint.response === null
      ? { description: 'No content' }
      : endpoint.response === 'csv'
        ? { description: 'CSV (UTF-8 with BOM)', content: { 'text/csv': { schema: { type: 'string' } } } }
        : endpoint.response === 'event-stream'
          ? {
              description:
                `Server-Sent Events (decision 023): each message's \`id\` is the event's number, its \`data\` one ` +
                `LiveEvent as JSON; a comment every ${LIVE_HEARTBEAT_SECONDS} s keeps an idle connection open. ` +
                `Send \`Last-Event-ID\` to resume after an event (kept ${LIVE_EVENTS_KEPT_MINUTES} minutes; older, ` +
                'a `resync` event asks to read everything again). Ends with the session.',
              content: {
                'text/event-stream': {
                  schema: { type: 'string' },
                  itemSchema: responseSchema(LiveEvent),
                },
              },
            }
          : {
              description: 'OK',
              content: { 'application/json': { schema: responseSchema(endpoint.response) } },
            };
  return {
    operationId: name,
    ...(endpoint.public ? { security: [] } : {}),
    parameters: [...pathParams, ...queryParams, ...headers],
    ...(endpoint.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: requestSchema(endpoint.body) } },
          },
        }
      : {}),
    responses: {
      [String(endpoint.status)]: success,
      default: { description: 'RFC 9457 problem details', content: problemContent },
    },
  };
}

function terminalOperation(
  name: string,
  endpoint: (typeof terminalEndpoints)[keyof typeof terminalEndpoints],
) {
  const header = (headerName: string, description: string) => ({
    name: headerName,
    in: 'header',
    required: true,
    description,
    schema: { type: 'string' },
  });
  return {
    operationId: `terminal_${name}`,
    security: [{ terminalSignature: [] }],
    parameters: [
      ...[...endpoint.path.matchAll(/:([a-zA-Z]+)/g)].map((m) => ({
        name: m[1]!,
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
      header(TerminalHeader.tid, 'The TID'),
      header(TerminalHeader.timestamp, 'Milliseconds since the epoch, within 5 minutes of the acquirer'),
      header(TerminalHeader.nonce, '16–64 of A–Z a–z 0–9 _ -, never used twice by the terminal'),
    ],
    requestBody: {
      required: true,
      content: { 'application/json': { schema: requestSchema(endpoint.body) } },
    },
    responses: {
      '200': {
        description: 'OK',
        content: { 'application/json': { schema: responseSchema(endpoint.response) } },
      },
      default: {
        description: 'RFC 9457 problem details; 401 with a `terminal.*` code',
        content: problemContent,
      },
    },
  };
}

export function openApiDocument(): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, endpoint] of Object.entries(endpoints) as [string, Endpoint][]) {
    const path = endpoint.path.replace(/:([a-zA-Z]+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][endpoint.method.toLowerCase()] = operation(name, endpoint);
  }
  for (const [name, endpoint] of Object.entries(terminalEndpoints)) {
    // Beside the dashboard API: the path item names the origin's root as its server and carries the
    // protocol's base path itself, so a path of both (`/transactions`) is two path items, not one.
    const path = TERMINAL_BASE_PATH + endpoint.path.replace(/:([a-zA-Z]+)/g, '{$1}');
    paths[path] = { servers: [{ url: '/' }], post: terminalOperation(name, endpoint) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Merchant Console acquirer API',
      version: '1',
      description:
        'Terminals, void passwords and transactions of an acquirer (docs/api.md in the repository). Money in integer fen, timestamps ISO-8601 with offset, errors as RFC 9457 problem details with a stable `code`.',
    },
    servers: [{ url: API_BASE_PATH }],
    security: [{ session: [] }],
    paths,
    components: {
      schemas: { Problem: responseSchema(ProblemDetails) },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'mc_session' },
        terminalSignature: {
          type: 'apiKey',
          in: 'header',
          name: TerminalHeader.signature,
          description:
            'The terminal protocol (docs/terminal-protocol.md): Ed25519 over the method, path, X-Terminal-Id, X-Terminal-Timestamp (ms), X-Terminal-Nonce and the body, one per line, with the key the terminal made at activation.',
        },
      },
    },
  };
}
