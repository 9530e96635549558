import { useCallback } from 'react';
import { apiClient } from '@/api/client';
import { terminalQueries } from '@/api/queries/terminals';
import { useIdempotentAction } from '@/api/use-idempotent-action';
import * as terminalApi from '@contract/endpoints/terminals';

const REFRESHED = [terminalQueries.details(), terminalQueries.lists()];

/** Revokes a terminal's protocol credential: once per action, its key kept while the outcome is unknown. */
export function useRevokeCredential(tid: string) {
  const perform = useCallback(
    (_: void, idempotencyKey: string) =>
      apiClient.call(terminalApi.revokeTerminalCredential, { params: { tid }, idempotencyKey }),
    [tid],
  );
  return useIdempotentAction(perform, { meta: { invalidates: REFRESHED } });
}
