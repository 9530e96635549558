import { DEMO_TIDS } from '@acquirer/data/demo-fixtures';
import { expect, test } from './fixtures';
import { TerminalPage } from './pages/terminals-page';

// The live stream (GET /api/v1/events) in a real browser, on the in-browser mock (its service worker answers
// the stream) and on the server: a change made elsewhere shows without a reload, long before any poll.
test.describe('Live updates', () => {
  test('a terminal going offline shows on its page at once, without a reload', async ({
    page,
    mock,
    signInAs,
  }) => {
    const stream = page.waitForResponse((response) => response.url().endsWith('/api/v1/events'));
    await signInAs('owner');
    const opened = await stream;
    expect(opened.status()).toBe(200);
    expect(await opened.headerValue('content-type')).toContain('text/event-stream');

    const terminal = new TerminalPage(page);
    // A page load opens the stream anew: what happens before it is open reaches the page only by a poll.
    const reopened = page.waitForResponse((response) => response.url().endsWith('/api/v1/events'));
    await page.goto(`/terminals/${DEMO_TIDS.custom}`);
    await reopened;
    await expect(terminal.status).toContainText('Online');
    await mock.setConnectivity(DEMO_TIDS.custom, false);
    // The page's own poll is every 30 s (and off while the stream is open): only the stream is this quick.
    await expect(terminal.status).toContainText('Offline', { timeout: 5_000 });
  });
});
