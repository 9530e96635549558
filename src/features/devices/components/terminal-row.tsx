import { memo } from 'react';
import { Link } from 'react-router';
import { paths } from '@/config/paths';
import { useTranslation } from '@/i18n/use-translation';
import type { TerminalSummary } from '@contract/schemas/terminals';
import { CommandBadge, Connectivity, PasswordChanged, VoidPasswordBadge } from './status-badges';

/** Below `lg` a card; class names are spelled out so Tailwind sees them. */
export const fleetRowLayout = {
  selectable: {
    voidPasswords: true,
    row: 'grid items-center gap-x-3 gap-y-1 px-3 py-2 grid-cols-[1.75rem_minmax(0,1fr)_auto] lg:grid-cols-[1.75rem_minmax(7rem,1fr)_minmax(7rem,1fr)_minmax(8rem,1.4fr)_minmax(7rem,1fr)_minmax(8rem,1.1fr)_minmax(5.5rem,0.9fr)]',
    select:
      'col-start-1 row-start-1 row-span-3 self-start lg:col-start-auto lg:row-start-auto lg:row-span-1 lg:self-center',
    tid: 'col-start-2 row-start-1 lg:col-start-auto lg:row-start-auto',
    model: 'hidden lg:block',
    store: 'col-start-2 col-span-2 row-start-2 lg:col-start-auto lg:col-span-1 lg:row-start-auto',
    connectivity: 'col-start-2 col-span-2 row-start-3 lg:col-start-auto lg:col-span-1 lg:row-start-auto',
    password:
      'col-start-3 row-start-1 max-w-[10rem] justify-self-end text-right lg:col-start-auto lg:row-start-auto lg:max-w-none lg:justify-self-start lg:text-left',
    command: 'col-start-2 col-span-2 row-start-4 lg:col-start-auto lg:col-span-1 lg:row-start-auto',
  },
  readOnly: {
    voidPasswords: true,
    row: 'grid items-center gap-x-3 gap-y-1 px-3 py-2 grid-cols-[minmax(0,1fr)_auto] lg:grid-cols-[minmax(7rem,1fr)_minmax(7rem,1fr)_minmax(8rem,1.4fr)_minmax(7rem,1fr)_minmax(8rem,1.1fr)_minmax(5.5rem,0.9fr)]',
    select: 'hidden',
    tid: 'col-start-1 row-start-1 lg:col-start-auto lg:row-start-auto',
    model: 'hidden lg:block',
    store: 'col-start-1 col-span-2 row-start-2 lg:col-start-auto lg:col-span-1 lg:row-start-auto',
    connectivity: 'col-start-1 col-span-2 row-start-3 lg:col-start-auto lg:col-span-1 lg:row-start-auto',
    password:
      'col-start-2 row-start-1 max-w-[10rem] justify-self-end text-right lg:col-start-auto lg:row-start-auto lg:max-w-none lg:justify-self-start lg:text-left',
    command: 'col-start-1 col-span-2 row-start-4 lg:col-start-auto lg:col-span-1 lg:row-start-auto',
  },
  withoutVoidPasswords: {
    voidPasswords: false,
    row: 'grid items-center gap-x-3 gap-y-1 px-3 py-2 grid-cols-[minmax(0,1fr)] lg:grid-cols-[minmax(7rem,1fr)_minmax(7rem,1fr)_minmax(8rem,1.4fr)_minmax(7rem,1fr)]',
    select: 'hidden',
    tid: '',
    model: 'hidden lg:block',
    store: '',
    connectivity: '',
    password: 'hidden',
    command: 'hidden',
  },
} as const;

export type FleetRowLayout = (typeof fleetRowLayout)[keyof typeof fleetRowLayout];

export function FleetHeader({ layout, selectable }: { layout: FleetRowLayout; selectable: boolean }) {
  const { t } = useTranslation();
  const cell = 'text-xs font-semibold tracking-wide text-gray-700 uppercase py-1';
  return (
    <>
      {selectable ? (
        <div role="columnheader" className={cell}>
          <span className="sr-only">{t('devices.list.columns.select')}</span>
        </div>
      ) : null}
      <div role="columnheader" className={cell}>
        {t('devices.list.columns.tid')}
      </div>
      <div role="columnheader" className={cell}>
        {t('devices.list.columns.model')}
      </div>
      <div role="columnheader" className={cell}>
        {t('devices.list.columns.store')}
      </div>
      <div role="columnheader" className={cell}>
        {t('devices.list.columns.connectivity')}
      </div>
      {layout.voidPasswords ? (
        <>
          <div role="columnheader" className={cell}>
            {t('devices.list.columns.voidPassword')}
          </div>
          <div role="columnheader" className={`${cell} ${layout.command}`}>
            {t('devices.list.columns.command')}
          </div>
        </>
      ) : null}
    </>
  );
}

/** Memoized, with stable props: the virtual list re-renders on every scroll (docs/performance.md). */
export const TerminalRow = memo(function TerminalRow({
  terminal,
  layout,
  serverNow,
  showMerchant,
  checked,
  onSelect,
}: {
  terminal: TerminalSummary;
  layout: FleetRowLayout;
  serverNow: number;
  showMerchant: boolean;
  checked: boolean;
  onSelect?: (tid: string, checked: boolean) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      {onSelect ? (
        <div role="cell" className={layout.select}>
          <input
            type="checkbox"
            className="focus-ring h-4 w-4 accent-blue-700"
            checked={checked}
            onChange={(event) => onSelect(terminal.tid, event.target.checked)}
            aria-label={t('devices.list.selectTerminal', { tid: terminal.tid })}
          />
        </div>
      ) : null}
      <div role="cell" className={`min-w-0 ${layout.tid}`}>
        <Link
          to={paths.terminal(terminal.tid)}
          className="focus-ring rounded font-mono font-semibold text-blue-800 underline-offset-2 hover:underline"
        >
          {terminal.tid}
        </Link>
        <div className="truncate font-mono text-xs text-gray-700">
          <span className="font-sans">{t('devices.list.snPrefix')}</span> {terminal.sn}
        </div>
      </div>
      <div role="cell" className={`min-w-0 text-sm ${layout.model}`}>
        {/* On the model's line, which never wraps: a flag that added a line would change the row's height,
            and the virtual list's rows keep theirs (a scroll to the end would land short). */}
        <div className="flex min-w-0 items-center gap-1.5">
          <span className="truncate">{terminal.model}</span>
          {terminal.firmwareUpdate ? (
            <span className="shrink-0 rounded border border-amber-300 bg-amber-50 px-1 text-xs leading-4 font-medium text-amber-900">
              <span aria-hidden="true">{t('devices.firmware.updateShort')}</span>
              <span className="sr-only">{t('devices.firmware.updateAvailable')}</span>
            </span>
          ) : null}
        </div>
        {/* Firmware names run long and are read in full (support asks for them): wrapped, not cut. */}
        <div className="text-xs wrap-anywhere text-gray-700">{terminal.firmware}</div>
      </div>
      <div role="cell" className={`min-w-0 text-sm ${layout.store}`}>
        {/* Cut to the column; the whole name on hover, and in the text for screen readers. */}
        <div className="truncate" title={terminal.storeName}>
          {terminal.storeName}
        </div>
        {showMerchant ? (
          <div className="truncate text-xs text-gray-700" title={terminal.merchantName}>
            {terminal.merchantName}
          </div>
        ) : null}
      </div>
      <div role="cell" className={`text-sm ${layout.connectivity}`}>
        <Connectivity status={terminal.status} lastSeenAt={terminal.lastSeenAt} serverNow={serverNow} />
      </div>
      {layout.voidPasswords && terminal.voidPassword ? (
        <>
          <div role="cell" className={layout.password}>
            <VoidPasswordBadge voidPassword={terminal.voidPassword} serverNow={serverNow} />
            <PasswordChanged changedAt={terminal.voidPassword.changedAt} serverNow={serverNow} />
          </div>
          <div role="cell" className={`${layout.command} ${terminal.openCommand ? '' : 'max-lg:hidden'}`}>
            {terminal.openCommand ? (
              <CommandBadge command={terminal.openCommand} />
            ) : (
              <span className="text-sm text-gray-700">
                <span aria-hidden="true">—</span>
                <span className="sr-only">{t('devices.command.none')}</span>
              </span>
            )}
          </div>
        </>
      ) : null}
    </>
  );
});
