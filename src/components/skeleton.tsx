import { useTranslation } from '@/i18n/use-translation';

export function Skeleton({ className = '' }: { className?: string }) {
  return <div aria-hidden="true" className={`animate-pulse rounded bg-gray-200 ${className}`} />;
}

/** Stand-in for a page while its code or data loads; announced once to screen readers. */
export function PageSkeleton({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div aria-busy="true" className="space-y-4">
      <p role="status" className="sr-only">
        {label ?? t('app.loading')}
      </p>
      <Skeleton className="h-8 w-48" />
      <Skeleton className="h-4 w-full max-w-xl" />
      <Skeleton className="h-4 w-full max-w-md" />
      <Skeleton className="h-32 w-full" />
    </div>
  );
}

/** The whole screen while the app finds out who is signed in. */
export function AppSkeleton({ label }: { label?: string }) {
  return (
    <main className="mx-auto w-full max-w-5xl p-6">
      <PageSkeleton label={label} />
    </main>
  );
}

/** Stand-in for a list or table while it loads: a few grey rows, announced once. */
export function ListSkeleton({ rows = 2, rowClassName = 'h-12' }: { rows?: number; rowClassName?: string }) {
  const { t } = useTranslation();
  return (
    <div aria-busy="true" className="space-y-2">
      <p role="status" className="sr-only">
        {t('app.loading')}
      </p>
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} className={`w-full ${rowClassName}`} />
      ))}
    </div>
  );
}
