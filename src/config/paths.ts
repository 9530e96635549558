/** Query parameters of a link; empty and absent values are left out. */
export type LinkSearch = Readonly<Record<string, string | undefined>>;

function withSearch(pathname: string, search: LinkSearch = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) {
    if (value) params.set(key, value);
  }
  const query = params.toString();
  return query ? `${pathname}?${query}` : pathname;
}

function route<Build extends (...args: never[]) => string>(pattern: string, build: Build) {
  return Object.assign(build, { pattern });
}

const segment = encodeURIComponent;

/**
 * Every address of the app: `paths.terminal(tid)` is a link to it, `paths.terminal.pattern`
 * the router's path.
 */
export const paths = {
  overview: route('/', () => '/'),
  signIn: route('/sign-in', (search?: { returnTo?: string }) => withSearch('/sign-in', search)),
  terminals: route('/terminals', (search?: LinkSearch) => withSearch('/terminals', search)),
  terminal: route('/terminals/:tid', (tid: string) => `/terminals/${segment(tid)}`),
  bulkResetJob: route(
    '/terminals/bulk-resets/:jobId',
    (jobId: string) => `/terminals/bulk-resets/${segment(jobId)}`,
  ),
  /** The sales list: by default what can be voided now; `voidable: 'all'` for every transaction. */
  transactions: route('/transactions', (search?: LinkSearch) => withSearch('/transactions', search)),
  voids: route('/transactions/voids', (search?: LinkSearch) => withSearch('/transactions/voids', search)),
  audit: route('/audit', (search?: LinkSearch) => withSearch('/audit', search)),
  merchants: route('/merchants', (search?: LinkSearch) => withSearch('/merchants', search)),
  merchant: route('/merchants/:mid', (mid: string, search?: LinkSearch) =>
    withSearch(`/merchants/${segment(mid)}`, search),
  ),
};
