import { type ComponentProps, lazy, Suspense } from 'react';
import { LoadFailedBoundary } from '@/components/load-failed-boundary';
import { withMessages } from '@/i18n/i18n';

const BulkResetActionNow = lazy(async () => ({
  default: (await withMessages(['shell', 'devices', 'passwords'], () => import('./bulk-reset-dialog')))
    .BulkResetAction,
}));

/**
 * The fleet list's bulk reset, loaded when a selection first shows it: the dialog and its
 * forms are not part of the list's own code, nor the
 * passwords namespace of messages (docs/performance.md, size budgets). `shell` and `devices`
 * are loaded already; they are named for the check in tests/build/page-messages.test.ts.
 */
export function BulkResetAction(props: ComponentProps<typeof BulkResetActionNow>) {
  return (
    <LoadFailedBoundary>
      <Suspense fallback={null}>
        <BulkResetActionNow {...props} />
      </Suspense>
    </LoadFailedBoundary>
  );
}
