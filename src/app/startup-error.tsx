import { Button } from '@/components/button';
import { useDocumentTitle } from '@/components/use-document-title';
import { useTranslation } from '@/i18n/use-translation';

export function StartupError() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.startupFailedTitle'));
  return (
    <main id="main-content" className="mx-auto w-full max-w-xl px-4 py-16">
      <h1 className="text-2xl font-semibold tracking-tight text-gray-900">{t('app.startupFailedTitle')}</h1>
      <p role="alert" className="mt-3 text-gray-800">
        {t('app.startupFailedBody')}
      </p>
      <Button className="mt-6" onClick={() => window.location.reload()}>
        {t('app.reload')}
      </Button>
    </main>
  );
}
