import { useMutation } from '@tanstack/react-query';
import { useRef } from 'react';
import { apiClient, newIdempotencyKey } from '@/api/client';
import { isApiError } from '@/api/errors';
import { passwordCommandQueries } from '@/api/queries/password-commands';
import { terminalQueries } from '@/api/queries/terminals';
import * as firmwareApi from '@contract/endpoints/firmware';
import { ErrorCode } from '@contract/schemas/common';
import { FIRMWARE_BULK_MAX } from '@contract/schemas/firmware';
import { bulkTargetOf, type TerminalSelection } from '@contract/schemas/terminals';

// Decision 024: a firmware update is a command, so the terminal page, its command and the fleet list are
// read again once one is scheduled (decision 013: the mutation names what it refreshes).
const REFRESHED = { invalidates: [terminalQueries.all(), passwordCommandQueries.all()] };

/**
 * One Idempotency-Key per person's action: kept while the outcome is unknown (no answer), so "try again"
 * schedules at most once; a new one after an answer.
 */
function useActionKey() {
  const key = useRef<string | null>(null);
  return {
    take: () => (key.current ??= newIdempotencyKey()),
    settle: (error: unknown) => {
      if (!(isApiError(error) && error.outcomeUnknown)) key.current = null;
    },
  };
}

export function useScheduleFirmwareUpdate(tid: string) {
  const key = useActionKey();
  return useMutation({
    mutationFn: async () =>
      (
        await apiClient.call(firmwareApi.scheduleFirmwareUpdate, {
          params: { tid },
          idempotencyKey: key.take(),
        })
      ).command,
    onSettled: (_data, error) => key.settle(error),
    meta: REFRESHED,
    networkMode: 'always',
  });
}

export function useBulkFirmwareUpdate() {
  const key = useActionKey();
  return useMutation({
    mutationFn: (selection: TerminalSelection) =>
      apiClient.call(firmwareApi.bulkFirmwareUpdate, {
        body: bulkTargetOf(selection),
        idempotencyKey: key.take(),
      }),
    onSettled: (_data, error) => key.settle(error),
    meta: REFRESHED,
    networkMode: 'always',
  });
}

/** Which message explains a refusal; null for the generic problem text. */
export function firmwareRefusalOf(
  error: unknown,
): 'busy' | 'current' | 'stale' | 'forbidden' | 'tooMany' | null {
  if (!isApiError(error)) return null;
  if (error.code === ErrorCode.commandAlreadyOpen) return 'busy';
  if (error.code === ErrorCode.firmwareCurrent) return 'current';
  if (error.code === ErrorCode.versionConflict) return 'stale';
  if (error.status === 403) return 'forbidden';
  if (error.status === 422 && error.fieldErrors.some((e) => e.code === 'too_many')) return 'tooMany';
  return null;
}

export { FIRMWARE_BULK_MAX };
