import { useTranslation } from '@/i18n/use-translation';
import type { DemoAccount } from '../demo-account';

export function DemoAccountList({
  accounts,
  onUse,
}: {
  accounts: readonly DemoAccount[];
  onUse: (account: DemoAccount) => void;
}) {
  const { t } = useTranslation();
  return (
    <section
      aria-labelledby="demo-accounts-title"
      className="rounded-lg border border-amber-300 bg-amber-50 p-4"
    >
      <h2 id="demo-accounts-title" className="text-sm font-semibold text-amber-950">
        {t('signIn.demoTitle')}
      </h2>
      <p className="mt-1 text-sm text-amber-950">{t('signIn.demoNote')}</p>
      <ul className="mt-3 space-y-2">
        {accounts.map((account) => (
          <li key={account.username}>
            <button
              type="button"
              onClick={() => onUse(account)}
              className="focus-ring flex w-full flex-wrap items-center justify-between gap-x-3 gap-y-1 rounded-md border border-amber-300 bg-white px-3 py-2 text-left text-sm hover:bg-amber-100"
            >
              <span className="font-medium text-gray-900">
                {t('signIn.demoUse', { username: account.username })}
              </span>
              <span className="text-gray-700">
                {t(`roles.${account.role}`)} · {t('signIn.demoPassword', { password: account.password })}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
