import { type ReactNode, type RefObject, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Outlet, useLocation, useNavigation } from 'react-router';
import { LanguageSelect } from '@/components/language-select';
import { MockDataBadge } from '@/components/mock-data-badge';
import { IdleTimeoutDialog } from '@/features/auth/components/idle-timeout-dialog';
import { UserMenu } from '@/features/auth/components/user-menu';
import { useSignedInUser } from '@/features/auth/signed-in-user';
import { useSessionCheckOnNavigation } from '@/features/auth/use-session-check-on-navigation';
import { useTranslation } from '@/i18n/use-translation';
import { useAppConfig } from '../app-config';
import { useLiveUpdates } from '../use-live-updates';
import { MainNav } from './main-nav';

const NAV_ID = 'main-navigation';

export function AppShell({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  const { mocking } = useAppConfig();
  const user = useSignedInUser();
  const location = useLocation();
  const navigation = useNavigation();
  const [navOpen, setNavOpen] = useState(false);
  useSessionCheckOnNavigation();
  useLiveUpdates();
  const mainRef = useRef<HTMLElement>(null);
  const navToggleRef = useRef<HTMLButtonElement>(null);
  const firstRender = useRef(true);
  const headerRef = useRef<HTMLElement>(null);
  useScrollPaddingBelow(headerRef);

  useEffect(() => {
    if (!navOpen) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      setNavOpen(false);
      navToggleRef.current?.focus();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [navOpen]);

  // Keyboard and screen-reader users start at the new page, not the link they clicked.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: true });
  }, [location.pathname]);

  return (
    <div className="flex min-h-dvh flex-col bg-gray-50">
      <a
        href="#main-content"
        className="focus-ring sr-only z-50 rounded-md bg-white px-4 py-2 text-sm font-medium text-blue-800 focus:not-sr-only focus:absolute focus:top-2 focus:left-2"
      >
        {t('app.skipToContent')}
      </a>
      <header ref={headerRef} className="sticky top-0 z-20 border-b border-gray-200 bg-white">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1 px-3 py-2 sm:px-4">
          <button
            ref={navToggleRef}
            type="button"
            aria-expanded={navOpen}
            aria-controls={NAV_ID}
            onClick={() => setNavOpen((open) => !open)}
            className="focus-ring rounded-md p-2 text-gray-800 hover:bg-gray-100 md:hidden"
          >
            <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5">
              <path fill="currentColor" d="M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z" />
            </svg>
            <span className="sr-only">{t('nav.menu')}</span>
          </button>
          {/* Basis 0 on phones: the name gives way (truncates) instead of pushing the controls to a new row. */}
          <p className="min-w-0 flex-1 truncate text-base font-semibold text-gray-900 sm:flex-none">
            {t('app.productName')}
          </p>
          {__API_MOCKING__ && mocking ? (
            <div className="order-last w-full sm:order-none sm:w-auto">
              <MockDataBadge />
            </div>
          ) : null}
          <div className="ml-auto flex items-center gap-1 sm:gap-3">
            <LanguageSelect />
            <UserMenu />
          </div>
        </div>
        {navigation.state === 'loading' ? (
          <div aria-hidden="true" className="h-0.5 w-full animate-pulse bg-blue-700" />
        ) : null}
      </header>
      <div className="flex flex-1 flex-col md:flex-row">
        <MainNav role={user.role} id={NAV_ID} open={navOpen} onNavigate={() => setNavOpen(false)} />
        <main
          id="main-content"
          ref={mainRef}
          tabIndex={-1}
          className="min-w-0 flex-1 px-4 py-6 outline-none sm:px-6 lg:px-8"
        >
          <div className="mx-auto max-w-6xl">{children ?? <Outlet />}</div>
        </main>
      </div>
      <IdleTimeoutDialog />
    </div>
  );
}

/** The sticky header wraps on a phone: whatever is scrolled into view lands below it, not under it. */
function useScrollPaddingBelow(headerRef: RefObject<HTMLElement | null>) {
  useLayoutEffect(() => {
    const header = headerRef.current;
    if (!header || typeof ResizeObserver === 'undefined') return;
    const root = document.documentElement;
    const observer = new ResizeObserver(() => {
      root.style.scrollPaddingTop = `${header.getBoundingClientRect().height + 8}px`;
    });
    observer.observe(header);
    return () => {
      observer.disconnect();
      root.style.removeProperty('scroll-padding-top');
    };
  }, [headerRef]);
}
