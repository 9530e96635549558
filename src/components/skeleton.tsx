import { useTranslation } from '@/i18n/use-translation';

export function Skeleton({ className = '' }: { className?: string }) {
  return <div aria-hidden="true" className={`animate-pulse rounded bg-gray-200 ${className}`} />;
}

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

export function AppSkeleton({ label }: { label?: string }) {
  return (
    <main className="mx-auto w-full max-w-5xl p-6">
      <PageSkeleton label={label} />
    </main>
  );
}

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
