import { Link } from 'react-router';
import { buttonClasses } from '@/components/button';
import { PageHeader } from '@/components/page-header';
import { paths } from '@/config/paths';
import { useTranslation } from '@/i18n/use-translation';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className="w-full max-w-3xl">
      <PageHeader title={t('notFound.title')} />
      <p className="mb-6 text-gray-800">{t('notFound.body')}</p>
      <Link to={paths.overview()} className={buttonClasses('primary')}>
        {t('notFound.home')}
      </Link>
    </div>
  );
}
