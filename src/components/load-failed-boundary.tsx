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

// A chunk that does not load (offline, removed by a new deployment) fails in place, not the whole page.
export class LoadFailedBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    return this.state.failed ? <LoadFailed /> : this.props.children;
  }
}
