import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetMock } from '@/mocks/node';
import { loseAnswerAfterArrival, setupMockAcquirer } from '@/testing/mock-server';
import { DEMO_ACCOUNTS, renderApp, renderSignedIn, travelInTime, type DemoRole } from '@/testing/render-app';
import { DEMO_TIDS } from '@acquirer/data/demo-fixtures';
import { stepUpHolder } from './api/step-up';
import { dialog, expectNoSecretLeft, recordMutations, recordStepUpTokens, typePin } from './test-support';

setupMockAcquirer();
beforeEach(() => stepUpHolder.drop());

const NEW_PIN = '907153';
const FACTORY_DEFAULT_TIDS = [DEMO_TIDS.defaultPassword, DEMO_TIDS.offline, '58100110', DEMO_TIDS.unused];

function passwordOf(role: DemoRole): string {
  return DEMO_ACCOUNTS.find((account) => account.role === role)!.password;
}

type App = Awaited<ReturnType<typeof renderSignedIn>>;

async function confirmAndChoose(app: App, role: DemoRole) {
  await app.user.type(await within(dialog()).findByLabelText('Your account password'), passwordOf(role));
  await app.user.click(within(dialog()).getByRole('button', { name: 'Confirm' }));
  await typePin(app.user, 'New void password', NEW_PIN);
  await typePin(app.user, 'New void password again', NEW_PIN);
}

describe('Bulk reset', () => {
  it('resets every terminal still on the factory password: count, step-up, PIN, then a job page with results', async () => {
    const sent = recordMutations();
    const tokens = recordStepUpTokens();
    const app = await renderSignedIn('owner', { route: '/terminals?passwordState=default' });
    await app.user.click(await screen.findByRole('checkbox', { name: 'Select all 4 terminals' }));
    await app.user.click(await screen.findByRole('button', { name: 'Reset void passwords…' }));

    expect(
      within(dialog()).getByRole('heading', { name: 'Reset the void passwords of 4 terminals' }),
    ).toBeVisible();
    expect(within(dialog()).getByText(FACTORY_DEFAULT_TIDS.join(', '))).toBeVisible();
    await app.user.click(within(dialog()).getByRole('button', { name: 'Continue' }));
    await confirmAndChoose(app, 'owner');
    await app.user.click(within(dialog()).getByRole('button', { name: 'Reset 4 terminals' }));

    await waitFor(() => expect(app.url()).toMatch(/^\/terminals\/bulk-resets\/[\w-]+$/));
    expect(await screen.findByRole('heading', { level: 1, name: 'Bulk void-password reset' })).toBeVisible();
    // Queued is not done: no terminal has the new PIN until it checks in.
    expect(
      await screen.findByText(
        'So far 0 of 4 terminals applied the new void password; 0 failed, 4 still waiting for the terminal.',
      ),
    ).toBeVisible();
    expect(screen.getByRole('progressbar', { name: 'Terminals done' })).toHaveAttribute('value', '0');
    expect(screen.getByText('4 terminals still accept the old void password:')).toBeVisible();
    const results = screen.getByRole('table', { name: 'Terminals' });
    const rowOf = (tid: string) =>
      within(results)
        .getAllByRole('row')
        .find((row) => within(row).queryByRole('link', { name: tid }));
    expect(rowOf(DEMO_TIDS.defaultPassword)).toHaveTextContent('Queued: waiting for its next check-in.');

    // The online terminals check in (every 30 s) and apply it; the offline one is named.
    travelInTime(31_000);
    expect(
      await screen.findByText(
        'So far 3 of 4 terminals applied the new void password; 0 failed, 1 still waiting for the terminal.',
        {},
        { timeout: 8000 },
      ),
    ).toBeVisible();
    expect(screen.getByRole('progressbar', { name: 'Terminals done' })).toHaveAttribute('value', '3');
    expect(screen.getByText('1 terminal still accepts the old void password:')).toBeVisible();
    expect(
      screen.getAllByRole('listitem').find((item) => within(item).queryByText(DEMO_TIDS.offline)),
    ).toHaveTextContent('offline, it still accepts the old void password until it connects.');
    for (const tid of FACTORY_DEFAULT_TIDS.filter((tid) => tid !== DEMO_TIDS.offline)) {
      expect(rowOf(tid)).toHaveTextContent(/^\d+Applied .+: the new void password is in effect\.$/);
    }
    expect(rowOf(DEMO_TIDS.offline)).toHaveTextContent(
      'Waiting: offline, it still accepts the old void password until it connects.',
    );

    const bulk = sent.find((r) => r.path.endsWith('/void-password/bulk-resets'))!;
    expect(bulk.body).toEqual({ terminalIds: [...FACTORY_DEFAULT_TIDS].sort(), newPassword: NEW_PIN });
    expect(bulk.idempotencyKey).toBeTruthy();
    expectNoSecretLeft(app.queryClient, [NEW_PIN, passwordOf('owner'), tokens[0]!]);
    // The job page polls with a back-off (1, 2, 4, 8 s): the check-in is seen seconds later.
  }, 30_000);

  it('skips a terminal whose command is still waiting, and offers to retry the failed ones', async () => {
    const sent = recordMutations();
    const app = await renderSignedIn('owner', { route: '/terminals' });
    await app.user.click(
      await screen.findByRole('checkbox', { name: `Select terminal ${DEMO_TIDS.defaultPassword}` }),
    );
    await app.user.click(screen.getByRole('checkbox', { name: `Select terminal ${DEMO_TIDS.openCommand}` }));
    await app.user.click(await screen.findByRole('button', { name: 'Reset void passwords…' }));
    await app.user.click(within(dialog()).getByRole('button', { name: 'Continue' }));
    await confirmAndChoose(app, 'owner');
    await app.user.click(within(dialog()).getByRole('button', { name: 'Reset 2 terminals' }));

    expect(await screen.findByText('2 terminals still accept the old void password:')).toBeVisible();
    travelInTime(31_000);
    expect(
      await screen.findByText(
        'Finished: 1 of 2 terminals applied the new void password; 1 failed.',
        {},
        { timeout: 8000 },
      ),
    ).toBeVisible();
    expect(screen.getByText('1 terminal still accepts the old void password:')).toBeVisible();
    const results = screen.getByRole('table', { name: 'Terminals' });
    const rowOf = (tid: string) =>
      within(results)
        .getAllByRole('row')
        .find((row) => within(row).queryByRole('link', { name: tid }));
    expect(rowOf(DEMO_TIDS.openCommand)).toHaveTextContent('Skipped: a command was already waiting');
    await app.user.click(screen.getByRole('checkbox', { name: 'Show failed only' }));
    expect(within(results).queryByRole('link', { name: DEMO_TIDS.defaultPassword })).not.toBeInTheDocument();

    // The same steps for the failed one only; the password confirmation of a moment ago still holds.
    await app.user.click(screen.getByRole('button', { name: 'Retry the 1 failed terminal…' }));
    expect(within(dialog()).getByText(DEMO_TIDS.openCommand)).toBeVisible();
    await app.user.click(within(dialog()).getByRole('button', { name: 'Continue' }));
    await typePin(app.user, 'New void password', NEW_PIN);
    await typePin(app.user, 'New void password again', NEW_PIN);
    const firstJob = app.url();
    await app.user.click(within(dialog()).getByRole('button', { name: 'Reset 1 terminal' }));
    await waitFor(() => expect(app.url()).not.toBe(firstJob));
    expect(sent.filter((r) => r.path.endsWith('/void-password/bulk-resets')).at(-1)!.body).toEqual({
      terminalIds: [DEMO_TIDS.openCommand],
      newPassword: NEW_PIN,
    });
  });

  it('a job page survives a reload (its id is in the URL)', async () => {
    const first = await renderSignedIn('owner', { route: '/terminals?passwordState=default' });
    await first.user.click(await screen.findByRole('checkbox', { name: 'Select all 4 terminals' }));
    await first.user.click(await screen.findByRole('button', { name: 'Reset void passwords…' }));
    await first.user.click(within(dialog()).getByRole('button', { name: 'Continue' }));
    await confirmAndChoose(first, 'owner');
    await first.user.click(within(dialog()).getByRole('button', { name: 'Reset 4 terminals' }));
    await waitFor(() => expect(first.url()).toMatch(/^\/terminals\/bulk-resets\//));
    const jobUrl = first.url();
    first.unmount();

    const again = await renderApp({ route: jobUrl });
    // The same job of 4: an online terminal may have applied the PIN already (its heartbeat comes on the
    // mock's running clock, and a busy machine can take seconds between the send and the reload).
    expect(
      await screen.findByText(/^So far [0-4] of 4 terminals applied the new void password/),
    ).toBeVisible();
    expect(again.url()).toBe(jobUrl);
  });

  it('resets all terminals matching a filter by sending the filter, not thousands of IDs, and shows progress', async () => {
    resetMock({ scenario: 'large' });
    const sent = recordMutations();
    const app = await renderSignedIn('support', {
      route: '/terminals?passwordState=default&model=PAX%20A920',
    });
    await screen.findByText(/^Showing 100 of /);
    await app.user.click(screen.getByRole('checkbox', { name: 'Select the 100 terminals loaded' }));
    await app.user.click(screen.getByRole('button', { name: /^Select all [\d,]+ matching this filter$/ }));
    await app.user.click(await screen.findByRole('button', { name: 'Reset void passwords…' }));
    expect(within(dialog()).getByText(/^All [\d,]+ terminals matching this filter/)).toBeVisible();
    expect(within(dialog()).getByText('Void password: Factory default · Model: PAX A920')).toBeVisible();
    await app.user.click(within(dialog()).getByRole('button', { name: 'Continue' }));
    await confirmAndChoose(app, 'support');
    await app.user.type(within(dialog()).getByLabelText('Ticket reference'), 'INC-7');
    await app.user.type(within(dialog()).getByLabelText('Reason'), 'Chain-wide rollout of custom PINs');
    await app.user.click(within(dialog()).getByRole('button', { name: /^Reset [\d,]+ terminals$/ }));

    await waitFor(() => expect(app.url()).toMatch(/^\/terminals\/bulk-resets\//));
    expect(sent.find((r) => r.path.endsWith('/void-password/bulk-resets'))!.body).toEqual({
      filter: { passwordState: 'default', model: 'PAX A920' },
      newPassword: NEW_PIN,
      ticketId: 'INC-7',
      reason: 'Chain-wide rollout of custom PINs',
    });
    expect(await screen.findByText(/^(So far|Finished:) [\d,]+ of /)).toBeVisible();
    // Simulated time passes: the job (200 terminals a second) queues them all, and the online ones apply it.
    travelInTime(10 * 60_000);
    expect(
      await screen.findByText(
        /^(So far|Finished:) [1-9][\d,]* of [\d,]+ terminals applied the new void password/,
        {},
        { timeout: 8000 },
      ),
    ).toBeVisible();
  }, 30_000);

  it('an answer lost on the way is checked again with the same key, and one job is made', async () => {
    const sent = recordMutations();
    loseAnswerAfterArrival('post', '/void-password/bulk-resets');
    const app = await renderSignedIn('owner', { route: '/terminals?passwordState=default' });
    await app.user.click(await screen.findByRole('checkbox', { name: 'Select all 4 terminals' }));
    await app.user.click(await screen.findByRole('button', { name: 'Reset void passwords…' }));
    await app.user.click(within(dialog()).getByRole('button', { name: 'Continue' }));
    await confirmAndChoose(app, 'owner');
    await app.user.click(within(dialog()).getByRole('button', { name: 'Reset 4 terminals' }));

    expect(await within(dialog()).findByText("We don't know yet whether it went through")).toBeVisible();
    expect(app.url()).toBe('/terminals?passwordState=default');
    await app.user.click(within(dialog()).getByRole('button', { name: 'Check again' }));
    await waitFor(() => expect(app.url()).toMatch(/^\/terminals\/bulk-resets\//));
    const posts = sent.filter((r) => r.path.endsWith('/void-password/bulk-resets'));
    expect(posts).toHaveLength(2);
    expect(posts[1]!.idempotencyKey).toBe(posts[0]!.idempotencyKey);
    // The replayed job is the first one: had the retry made a second job, its 4 would all fail (already open).
    expect(
      await screen.findByText(
        'So far 0 of 4 terminals applied the new void password; 0 failed, 4 still waiting for the terminal.',
      ),
    ).toBeVisible();
  });

  it('cashiers cannot open a bulk reset job', async () => {
    await renderSignedIn('cashier', { route: '/terminals/bulk-resets/job_1' });
    expect(await screen.findByRole('heading', { level: 1 })).not.toHaveTextContent(
      'Bulk void-password reset',
    );
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });
});
