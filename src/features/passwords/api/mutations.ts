import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { apiClient } from '@/api/client';
import { useIdempotentAction } from '@/api/use-idempotent-action';
import * as voidPasswordApi from '@contract/endpoints/void-passwords';
import type { PasswordCommand } from '@contract/schemas/commands';
import type {
  BulkResetJob,
  ChangeVoidPasswordRequest,
  ResetVoidPasswordRequest,
  ResetVoidPasswordResponse,
  TerminalSelection,
} from '@contract/schemas/terminals';
import { bulkTargetOf } from '@contract/schemas/terminals';
import { REFRESHED_BY_COMMANDS, type RefreshKeys } from './refreshes';

export function useRefresh(keys: RefreshKeys) {
  const queryClient = useQueryClient();
  return useCallback(
    () => Promise.allSettled(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
    [keys, queryClient],
  );
}

export function useChangeVoidPassword(tid: string) {
  const perform = useCallback(
    async (body: ChangeVoidPasswordRequest, idempotencyKey: string): Promise<PasswordCommand> =>
      (await apiClient.call(voidPasswordApi.changeVoidPassword, { params: { tid }, body, idempotencyKey }))
        .command,
    [tid],
  );
  return useIdempotentAction(perform, { meta: { invalidates: REFRESHED_BY_COMMANDS } });
}

export interface ResetInput {
  body: ResetVoidPasswordRequest;
  /** Absent only when re-checking an unknown outcome: a replay needs no fresh step-up. */
  stepUpToken: string | undefined;
}

/** The temporary PIN, if any, stays in component state only. */
export function useResetVoidPassword(tid: string) {
  const perform = useCallback(
    (input: ResetInput, idempotencyKey: string): Promise<ResetVoidPasswordResponse> =>
      apiClient.call(voidPasswordApi.resetVoidPassword, {
        params: { tid },
        body: input.body,
        stepUpToken: input.stepUpToken,
        idempotencyKey,
      }),
    [tid],
  );
  return useIdempotentAction(perform, { meta: { invalidates: REFRESHED_BY_COMMANDS } });
}

export function useCancelCommand() {
  const perform = useCallback(
    async (commandId: string, idempotencyKey: string): Promise<PasswordCommand> =>
      (await apiClient.call(voidPasswordApi.cancelCommand, { params: { id: commandId }, idempotencyKey }))
        .command,
    [],
  );
  return useIdempotentAction(perform, { meta: { invalidates: REFRESHED_BY_COMMANDS } });
}

export interface BulkResetInput {
  selection: TerminalSelection;
  newPassword: string;
  ticketId?: string;
  reason?: string;
  stepUpToken: string | undefined;
}

export function useStartBulkReset() {
  const perform = useCallback(
    async (input: BulkResetInput, idempotencyKey: string): Promise<BulkResetJob> => {
      const { selection, stepUpToken, ...rest } = input;
      const response = await apiClient.call(voidPasswordApi.bulkReset, {
        body: { ...bulkTargetOf(selection), ...rest },
        stepUpToken,
        idempotencyKey,
      });
      return response.job;
    },
    [],
  );
  return useIdempotentAction(perform);
}
