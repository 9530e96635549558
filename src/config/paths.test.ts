import { matchRoutes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { createAppRoutes } from '@/app/router';
import { paths } from './paths';

describe('paths', () => {
  it('builds links with their ids encoded and their empty parameters left out', () => {
    expect(paths.terminal('58100101')).toBe('/terminals/58100101');
    expect(paths.bulkResetJob('job/1 2')).toBe('/terminals/bulk-resets/job%2F1%202');
    expect(paths.terminals({ passwordState: 'default', status: undefined, q: '' })).toBe(
      '/terminals?passwordState=default',
    );
    expect(paths.voids({ terminalId: '58100107', period: 'today' })).toBe(
      '/transactions/voids?terminalId=58100107&period=today',
    );
    expect(paths.merchant('822100000000001', { passwordState: 'default' })).toBe(
      '/merchants/822100000000001?passwordState=default',
    );
    expect(paths.signIn({ returnTo: '/audit?action=x' })).toBe('/sign-in?returnTo=%2Faudit%3Faction%3Dx');
    expect(paths.signIn()).toBe('/sign-in');
  });

  it('names a route of the router for every link it builds', () => {
    const routes = createAppRoutes({ mocking: true, demoAccounts: [] });
    const links = {
      overview: paths.overview(),
      signIn: paths.signIn(),
      terminals: paths.terminals(),
      terminal: paths.terminal('58100101'),
      bulkResetJob: paths.bulkResetJob('job_1'),
      transactions: paths.transactions(),
      voids: paths.voids(),
      audit: paths.audit(),
      merchants: paths.merchants(),
      merchant: paths.merchant('822100000000001'),
    } satisfies Record<keyof typeof paths, string>;
    for (const [name, link] of Object.entries(links)) {
      const matched = matchRoutes(routes, link)?.at(-1)?.route;
      expect(matched?.path ?? (matched?.index ? '/' : undefined), name).toBe(
        paths[name as keyof typeof paths].pattern,
      );
    }
  });
});
