import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setLiveSourceFactory } from '@/api/live-events';
import { liveStatus } from '@/api/live-status';
import { type FetchEventSources, fetchEventSources } from '@/testing/fetch-event-source';
import { mockControl, server, setupMockAcquirer } from '@/testing/mock-server';
import { renderSignedIn } from '@/testing/render-app';
import { DEMO_TIDS } from '@acquirer/data/demo-fixtures';

setupMockAcquirer();

let sources: FetchEventSources;
beforeEach(() => {
  sources = fetchEventSources();
  setLiveSourceFactory(sources.factory);
});
afterEach(() => {
  sources.closeAll();
  setLiveSourceFactory(null);
});

describe('live updates', () => {
  it('shows a change made elsewhere on the terminal page at once, without a reload, by a background re-read', async () => {
    await renderSignedIn('owner', { route: `/terminals/${DEMO_TIDS.defaultPassword}` });
    const password = await screen.findByRole('region', { name: 'Void password' });
    expect(within(password).getByText('Factory default')).toBeVisible();
    await waitFor(() => expect(liveStatus.get()).toBe('open'));
    expect(sources.opened).toHaveLength(1);

    const reads: { background: string | null }[] = [];
    const onRequest = ({ request }: { request: Request }) => {
      if (new URL(request.url).pathname.endsWith(`/terminals/${DEMO_TIDS.defaultPassword}`))
        reads.push({ background: request.headers.get('x-background') });
    };
    server.events.on('request:start', onRequest);
    // Someone sets a PIN at the terminal: off the factory default (an `alert` event, default_password ended).
    await mockControl(`/terminals/${DEMO_TIDS.defaultPassword}/void-password`, { password: '470215' });

    // Well before the page's 30-second poll.
    await waitFor(() => expect(within(password).getByText('Custom')).toBeVisible(), { timeout: 3_000 });
    expect(within(password).queryByText('Factory default')).not.toBeInTheDocument();
    // The re-read the event caused does not keep the session alive.
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((r) => r.background === '1')).toBe(true);
    server.events.removeListener('request:start', onRequest);
  });

  it('opens one stream per signed-in tab, and closes it at sign-out', async () => {
    const app = await renderSignedIn('owner', { route: '/' });
    await waitFor(() => expect(liveStatus.get()).toBe('open'));
    await app.user.click(screen.getByRole('button', { name: /owner|account|user/i }));
    const signOut = await screen
      .findByRole('menuitem', { name: 'Sign out' })
      .catch(() => screen.findByRole('button', { name: 'Sign out' }));
    await app.user.click(signOut);
    await waitFor(() => expect(liveStatus.get()).toBe('off'));
    expect(sources.opened).toHaveLength(1);
  });
});
