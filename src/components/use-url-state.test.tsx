import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { z } from 'zod/mini';
import { SearchField } from './search-field';
import { applyUrlPatch, parseUrlState, useUrlState } from './use-url-state';

const View = z.object({
  q: z.optional(z.string().check(z.maxLength(10))),
  status: z.optional(z.enum(['online', 'offline'])),
});

function Probe() {
  const [view, setView] = useUrlState(View);
  return (
    <>
      <SearchField label="Search" value={view.q ?? ''} onCommit={(q) => setView({ q })} delayMs={50} />
      <p data-testid="view">{JSON.stringify(view)}</p>
      <button type="button" onClick={() => setView({ status: 'offline' })}>
        Offline
      </button>
      <button type="button" onClick={() => setView({ q: undefined, status: undefined })}>
        Reset
      </button>
    </>
  );
}

function renderAt(url: string) {
  const router = createMemoryRouter([{ path: '/list', element: <Probe /> }], { initialEntries: [url] });
  render(<RouterProvider router={router} />);
  const location = () => `${router.state.location.pathname}${router.state.location.search}`;
  return { router, location, user: userEvent.setup() };
}

describe('parseUrlState / applyUrlPatch', () => {
  it('keeps what parses, drops what does not, leaves other params alone', () => {
    const params = new URLSearchParams('q=abc&status=asleep&page=2');
    expect(parseUrlState(View, params)).toEqual({ q: 'abc' });
    expect(applyUrlPatch(params, { q: '', status: 'online' }).toString()).toBe('page=2&status=online');
  });
});

describe('useUrlState with SearchField', () => {
  it('reads the view from the link, writes changes as history entries, and Back restores them', async () => {
    const { router, location, user } = renderAt('/list?q=ab');
    expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveValue('ab');

    await user.click(screen.getByRole('button', { name: 'Offline' }));
    expect(location()).toBe('/list?q=ab&status=offline');

    await act(() => router.navigate(-1));
    expect(screen.getByTestId('view')).toHaveTextContent('{"q":"ab"}');
  });

  it('commits typing after a pause, once, and shows a value that changed from outside', async () => {
    const { location, user } = renderAt('/list');
    const box = screen.getByRole('searchbox', { name: 'Search' });

    await user.type(box, 'kiwi');
    await waitFor(() => expect(location()).toBe('/list?q=kiwi'));

    await user.click(screen.getByRole('button', { name: 'Reset' }));
    expect(location()).toBe('/list');
    expect(box).toHaveValue('');
  });

  it('does not add a history entry for the same view', async () => {
    const { router, user } = renderAt('/list?status=offline');
    const before = router.state.historyAction;
    await user.click(screen.getByRole('button', { name: 'Offline' }));
    expect(router.state.historyAction).toBe(before);
  });
});
