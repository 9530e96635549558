import { useQueryClient, useQueryErrorResetBoundary } from '@tanstack/react-query';
import { useEffect } from 'react';
import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { isApiError } from '@/api/errors';
import { Button, buttonClasses } from '@/components/button';
import { useDocumentTitle } from '@/components/use-document-title';
import { paths } from '@/config/paths';
import { apiErrorMessage } from '@/i18n/error-messages';
import { useTranslation } from '@/i18n/use-translation';
import { NotFoundPage } from '@/pages/not-found-page';

/** Never the error's message or stack, which could hold anything. */
export function RouteErrorBoundary({ standalone = false }: { standalone?: boolean }) {
  const { t } = useTranslation();
  const error = useRouteError();
  const { reset } = useQueryErrorResetBoundary();
  const queryClient = useQueryClient();
  useDocumentTitle(t('errorPage.documentTitle'));

  // Reset too: the flag alone is cleared by any query mounting in between, leaving these unobserved.
  useEffect(() => {
    reset();
    void queryClient.resetQueries({
      type: 'inactive',
      predicate: (query) => query.state.status === 'error' && query.state.data === undefined,
    });
  }, [reset, queryClient]);

  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;

  const content = (
    <div className="max-w-prose">
      <h1 className="text-2xl font-semibold tracking-tight text-gray-900">{t('errorPage.title')}</h1>
      {isApiError(error) ? (
        <p className="mt-3 text-gray-800">
          {apiErrorMessage(error, t)} {t('faults.reloadKeepsPlace')}
        </p>
      ) : (
        <p className="mt-3 text-gray-800">{t('errorPage.body')}</p>
      )}
      <div className="mt-6 flex flex-wrap gap-3">
        <Button onClick={() => window.location.reload()}>{t('errorPage.reload')}</Button>
        {/* A full page load, not client routing: the app state that broke is left behind. */}
        <Link to={paths.overview()} reloadDocument={standalone} className={buttonClasses('secondary')}>
          {t('errorPage.overview')}
        </Link>
      </div>
    </div>
  );

  if (!standalone) return content;
  return (
    <main id="main-content" className="mx-auto w-full max-w-3xl px-4 py-10">
      {content}
    </main>
  );
}

export function RootErrorBoundary() {
  return <RouteErrorBoundary standalone />;
}
