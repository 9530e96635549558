import { type ComponentProps, lazy, Suspense } from 'react';
import { LoadFailedBoundary } from '@/components/load-failed-boundary';
import { withMessages } from '@/i18n/i18n';

const BulkResetActionNow = lazy(async () => ({
  default: (await withMessages(['shell', 'devices', 'passwords'], () => import('./bulk-reset-dialog')))
    .BulkResetAction,
}));

/**
 * Loaded when a selection first shows it (docs/performance.md); `shell`/`devices` named for
 * tests/build/page-messages.test.ts.
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
