import type { QueryClient } from '@tanstack/react-query';
import { screen, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { expect } from 'vitest';
import { server } from '@/testing/mock-server';

export function dialog(): HTMLElement {
  return screen.getByRole('dialog');
}

export async function typePin(user: UserEvent, label: string, value: string): Promise<void> {
  const field = within(dialog()).getByLabelText(label);
  await user.clear(field);
  if (value) await user.type(field, value);
}

export function queryCacheText(queryClient: QueryClient): string {
  const queries = queryClient
    .getQueryCache()
    .getAll()
    .map((query) => ({ key: query.queryKey, data: query.state.data, error: String(query.state.error) }));
  const mutations = queryClient
    .getMutationCache()
    .getAll()
    .map((mutation) => ({ variables: mutation.state.variables, data: mutation.state.data }));
  return JSON.stringify({ queries, mutations });
}

export function expectNoSecretLeft(queryClient: QueryClient, secrets: string[]): void {
  const fieldValues = [...document.querySelectorAll('input, textarea')].map(
    (field) => (field as HTMLInputElement).value,
  );
  const places = {
    dom: document.body.innerHTML,
    fieldValues: fieldValues.join('\n'),
    localStorage: JSON.stringify({ ...localStorage }),
    sessionStorage: JSON.stringify({ ...sessionStorage }),
    queryCache: queryCacheText(queryClient),
  };
  for (const secret of secrets) {
    for (const [place, text] of Object.entries(places)) {
      expect(text.includes(secret), `${place} holds a secret`).toBe(false);
    }
  }
}

export interface SeenRequest {
  path: string;
  method: string;
  idempotencyKey: string | null;
  stepUpToken: string | null;
  body: unknown;
}

export function recordMutations(): SeenRequest[] {
  const seen: SeenRequest[] = [];
  server.events.on('request:start', ({ request }) => {
    if (request.method === 'GET') return;
    const entry: SeenRequest = {
      path: new URL(request.url).pathname,
      method: request.method,
      idempotencyKey: request.headers.get('Idempotency-Key'),
      stepUpToken: request.headers.get('X-Step-Up-Token'),
      body: undefined,
    };
    seen.push(entry);
    void request
      .clone()
      .text()
      .then((text) => (entry.body = text ? (JSON.parse(text) as unknown) : undefined));
  });
  return seen;
}

export function recordStepUpTokens(): string[] {
  const tokens: string[] = [];
  server.events.on('response:mocked', ({ request, response }) => {
    if (!new URL(request.url).pathname.endsWith('/auth/step-up') || !response.ok) return;
    void response
      .clone()
      .json()
      .then((body: { stepUpToken: string }) => tokens.push(body.stepUpToken));
  });
  return tokens;
}
