import { type ComponentProps, lazy, Suspense } from 'react';

const BulkResetActionNow = lazy(async () => ({
  default: (await import('./bulk-reset-dialog')).BulkResetAction,
}));

/**
 * The fleet list's bulk reset, loaded when a selection first shows it: the dialog and its
 * forms are not part of the list's own code (docs/performance.md, size budgets).
 */
export function BulkResetAction(props: ComponentProps<typeof BulkResetActionNow>) {
  return (
    <Suspense fallback={null}>
      <BulkResetActionNow {...props} />
    </Suspense>
  );
}
