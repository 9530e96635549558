import { Component, type ReactNode } from 'react';
import { useTranslation } from '@/i18n/use-translation';
import { Button } from './button';
import { Notice } from './notice';

function LoadFailed() {
  const { t } = useTranslation();
  return (
    <Notice tone="error">
      <p>
        {t('errorPage.partFailed')} {t('faults.reloadKeepsPlace')}
      </p>
      <Button variant="secondary" className="mt-2" onClick={() => window.location.reload()}>
        {t('errorPage.reload')}
      </Button>
    </Notice>
  );
}

/**
 * Around a part of a page whose code loads on demand (a dialog's chunk): if it does not load
 * (offline, a new deployment removed the old chunk), the part says so in place, and the rest
 * of the page stays as it is instead of giving way to the whole-page error.
 */
export class LoadFailedBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    return this.state.failed ? <LoadFailed /> : this.props.children;
  }
}
