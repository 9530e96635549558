import { render, screen } from '@testing-library/react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { changeLanguage } from '@/i18n/i18n';
import { BulkResetAction } from './bulk-reset-action';

// The dialog's chunk does not load: offline, or a new deployment removed the old file.
vi.mock('./bulk-reset-dialog', () => {
  throw new Error('Failed to fetch dynamically imported module');
});

beforeAll(() => changeLanguage('en'));

describe('BulkResetAction', () => {
  it('says in place when its code does not load, instead of taking the list down with it', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined); // React reports the caught error
    render(
      <main>
        <h1>Terminals</h1>
        <BulkResetAction
          selection={{ kind: 'some', tids: ['61004321'] } as never}
          access={{} as never}
          onStarted={() => undefined}
        />
      </main>,
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This part of the page could not be loaded. Reload the page to try again: your filters and search stay as they are.',
    );
    expect(screen.getByRole('button', { name: 'Reload' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Terminals' })).toBeInTheDocument();
  });
});
