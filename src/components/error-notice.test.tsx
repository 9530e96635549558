import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/errors';
import { changeLanguage } from '@/i18n/i18n';
import { ErrorNotice } from './error-notice';

beforeAll(async () => {
  await act(() => changeLanguage('en'));
});

function rateLimited(seconds: number) {
  return new ApiError({ kind: 'http', status: 429, code: 'rate_limited', retryAfter: seconds });
}

describe('ErrorNotice', () => {
  it('says how long to wait after a 429, and offers "Try again" only once the wait is over', async () => {
    const onRetry = vi.fn();
    render(<ErrorNotice error={rateLimited(1)} onRetry={onRetry} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Too many requests, try again in 1 s');
    const retry = screen.getByRole('button', { name: 'Try again' });
    expect(retry).toBeDisabled();
    await waitFor(() => expect(retry).toBeEnabled(), { timeout: 3000 });
    await userEvent.click(retry);
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('offers no retry for a 403, and says whom to ask', () => {
    render(
      <ErrorNotice
        error={new ApiError({ kind: 'http', status: 403, code: 'auth.forbidden' })}
        onRetry={() => undefined}
      />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      "Your role is not allowed to do this. If you need it, ask the merchant's owner or support.",
    );
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
  });

  it('offers "Try again" at once for a failure with nothing to wait for', () => {
    render(
      <ErrorNotice
        error={new ApiError({ kind: 'network', code: 'client.network' })}
        onRetry={() => undefined}
      />,
    );
    expect(screen.getByRole('button', { name: 'Try again' })).toBeEnabled();
  });
});
