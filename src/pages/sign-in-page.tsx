import { PlainLayout } from '@/components/plain-layout';
import { useDocumentTitle } from '@/components/use-document-title';
import { SignIn } from '@/features/auth/components/sign-in';
import type { DemoAccount } from '@/features/auth/demo-account';
import { useTranslation } from '@/i18n/use-translation';

export function SignInPage({
  mocking,
  demoAccounts,
}: {
  mocking: boolean;
  demoAccounts: readonly DemoAccount[];
}) {
  const { t } = useTranslation();
  useDocumentTitle(t('signIn.documentTitle'));
  return (
    <PlainLayout mocking={mocking}>
      <div className="h-fit w-full max-w-sm rounded-xl border border-gray-200 bg-white p-6 shadow-sm sm:p-8">
        <h1 className="text-2xl font-semibold tracking-tight text-gray-900">{t('signIn.title')}</h1>
        <p className="mt-1 mb-6 text-sm text-gray-700">{t('signIn.intro')}</p>
        <SignIn demoAccounts={mocking ? demoAccounts : []} />
      </div>
    </PlainLayout>
  );
}
