import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from '@/i18n/use-translation';
import { Button } from './button';

/** On a phone only `primary` shows; the rest open behind "Filters". */
export function FilterPanel({
  primary,
  children,
  activeCount,
  onClear,
}: {
  primary?: ReactNode;
  children: ReactNode;
  activeCount: number;
  onClear?: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  return (
    <search className="block rounded-lg border border-gray-200 bg-white p-4">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {primary}
        <div className="sm:hidden">
          <Button
            variant="secondary"
            aria-expanded={open}
            aria-controls={id}
            onClick={() => setOpen((value) => !value)}
            className="w-full"
          >
            {activeCount > 0
              ? t('filterPanel.toggleActive', { count: activeCount })
              : t('filterPanel.toggle')}
          </Button>
        </div>
        <div id={id} className={`${open ? 'contents' : 'hidden'} sm:contents`}>
          {children}
        </div>
      </div>
      {onClear && activeCount > 0 ? (
        <div className="mt-3 flex justify-end">
          <Button variant="ghost" onClick={onClear}>
            {t('filterPanel.clear')}
          </Button>
        </div>
      ) : null}
    </search>
  );
}
