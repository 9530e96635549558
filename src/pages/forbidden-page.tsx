import { Link } from 'react-router';
import { buttonClasses } from '@/components/button';
import { PageHeader } from '@/components/page-header';
import { paths } from '@/config/paths';
import { useTranslation } from '@/i18n/use-translation';

export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('forbidden.title')} />
      <p className="mb-6 text-gray-800">{t('forbidden.body')}</p>
      <Link to={paths.overview()} className={buttonClasses('primary')}>
        {t('forbidden.home')}
      </Link>
    </>
  );
}
