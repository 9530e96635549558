import { useEffect, useId, useRef, useState } from 'react';
import { Button } from '@/components/button';
import { ErrorNotice } from '@/components/error-notice';
import { useTranslation } from '@/i18n/use-translation';
import { useSignOut } from '../api/mutations';
import { useSignedInUser } from '../signed-in-user';

function initialsOf(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) return '?';
  // Chinese names read well as their first character; Latin names as initials.
  if (/^[\u4e00-\u9fff]/.test(trimmed)) return trimmed.slice(0, 1);
  return trimmed
    .split(/\s+/)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');
}

export function UserMenu() {
  const { t } = useTranslation();
  const user = useSignedInUser();
  const signOut = useSignOut();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const containerRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!containerRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  return (
    <div ref={containerRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-label={t('userMenu.button', { name: user.name })}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
        className="focus-ring flex items-center gap-2 rounded-md px-2 py-1.5 text-sm font-medium text-gray-900 hover:bg-gray-100"
      >
        <span
          aria-hidden="true"
          className="flex h-8 w-8 items-center justify-center rounded-full bg-blue-700 text-xs font-semibold text-white"
        >
          {initialsOf(user.name)}
        </span>
        <span className="sr-only sm:not-sr-only">{user.name}</span>
        <svg aria-hidden="true" viewBox="0 0 20 20" className="hidden h-4 w-4 text-gray-700 sm:block">
          <path fill="currentColor" d="M5.5 7.5 10 12l4.5-4.5z" />
        </svg>
      </button>
      <div
        id={panelId}
        hidden={!open}
        role="group"
        aria-label={t('userMenu.label')}
        className="absolute right-0 z-30 mt-2 w-72 max-w-[calc(100vw-1.5rem)] rounded-lg border border-gray-200 bg-white p-4 shadow-lg"
      >
        <p className="font-semibold text-gray-900">{user.name}</p>
        <dl className="mt-3 space-y-2 text-sm">
          <div>
            <dt className="text-gray-700">{t('userMenu.role')}</dt>
            <dd className="font-medium text-gray-900">{t(`roles.${user.role}`)}</dd>
          </div>
          <div>
            <dt className="text-gray-700">
              {t('userMenu.merchantIds', { count: Math.max(1, user.merchantIds.length) })}
            </dt>
            <dd className="font-medium text-gray-900 tabular-nums">
              {user.merchantIds.length > 0 ? (
                <ul>
                  {user.merchantIds.map((id) => (
                    <li key={id}>{id}</li>
                  ))}
                </ul>
              ) : (
                t('userMenu.allMerchants')
              )}
            </dd>
          </div>
        </dl>
        {signOut.error ? <ErrorNotice error={signOut.error} className="mt-3" /> : null}
        {/* A disclosure with a button in it, not an ARIA menu: a menu promises arrow keys. */}
        <Button
          variant="secondary"
          className="mt-4 w-full"
          disabled={signOut.isPending}
          onClick={() => signOut.mutate()}
        >
          {t('userMenu.signOut')}
        </Button>
      </div>
    </div>
  );
}
