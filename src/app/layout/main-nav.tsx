import { NavLink } from 'react-router';
import type { Role } from '@contract/schemas/common';
import { paths } from '@/config/paths';
import { useTranslation } from '@/i18n/use-translation';
import { type Area, canOpen } from '../roles';

const items: { area: Area; to: string; end?: boolean }[] = [
  { area: 'overview', to: paths.overview(), end: true },
  { area: 'terminals', to: paths.terminals() },
  { area: 'transactions', to: paths.transactions() },
  { area: 'audit', to: paths.audit() },
  { area: 'merchants', to: paths.merchants() },
];

export function MainNav({
  role,
  id,
  open,
  onNavigate,
}: {
  role: Role;
  id: string;
  open: boolean;
  onNavigate: () => void;
}) {
  const { t } = useTranslation();
  return (
    <nav
      id={id}
      aria-label={t('nav.label')}
      className={`${open ? 'block' : 'hidden'} border-b border-gray-200 bg-white md:block md:w-56 md:shrink-0 md:border-r md:border-b-0`}
    >
      <ul className="flex flex-col gap-1 p-3">
        {items
          .filter((item) => canOpen(role, item.area))
          .map((item) => (
            <li key={item.area}>
              <NavLink
                to={item.to}
                end={item.end}
                onClick={onNavigate}
                className={({ isActive }) =>
                  [
                    'focus-ring block rounded-md px-3 py-2 text-sm font-medium',
                    isActive ? 'bg-blue-50 text-blue-800' : 'text-gray-800 hover:bg-gray-100',
                  ].join(' ')
                }
              >
                {t(`nav.${item.area}`)}
              </NavLink>
            </li>
          ))}
      </ul>
    </nav>
  );
}
