export const messages = {
  nav: {
    label: 'Main',
    menu: 'Menu',
    overview: 'Overview',
    terminals: 'Terminals',
    transactions: 'Transactions',
    audit: 'Audit',
    merchants: 'Merchants',
  },
  userMenu: {
    label: 'Account',
    button: 'Account menu for {name}',
    role: 'Role',
    merchantIds: '{count, plural, one {Merchant ID} other {Merchant IDs}}',
    allMerchants: 'All merchants',
    signOut: 'Sign out',
  },
  idle: {
    title: 'Are you still there?',
    countdown: 'You will be signed out in {seconds} s',
    explanation: 'For your security, the session ends after 15 minutes without activity.',
    stay: 'Stay signed in',
    signOut: 'Sign out',
  },
  pages: {
    overview: {
      title: 'Overview',
      welcome: 'Welcome, {name}',
    },
    terminals: {
      title: 'Terminals',
    },
    transactions: {
      title: 'Transactions',
      voidsTitle: 'Voids done',
    },
    audit: {
      title: 'Audit',
    },
    merchants: {
      title: 'Merchants',
    },
  },
  copy: {
    copied: 'Copied',
    failed: 'Copy failed: select the number and copy it.',
  },
  barChart: {
    showTable: 'Show the numbers as a table',
    point: '{label}: {value}',
  },
  dateRange: {
    legend: 'Dates',
    from: 'From',
    to: 'To',
    reversed: 'The end date is before the start date, so the dates are not applied.',
  },
  merchantFilter: {
    label: 'Merchant ID',
    hint: '15 digits; empty for every merchant',
    invalid: 'A merchant ID has 15 digits.',
    all: 'All my merchants',
  },
  filterPanel: {
    toggle: 'Filters',
    toggleActive: '{count, plural, one {Filters ({count} on)} other {Filters ({count} on)}}',
    clear: 'Clear filters',
  },
  storeFilter: {
    label: 'Store',
    all: 'All stores',
    merchantGroup: 'Merchant {mid}',
  },
  terminalFilter: {
    label: 'Terminal',
    hint: '8-digit terminal number',
    invalid: 'A terminal number has 8 digits.',
  },
  countdown: {
    left: '{duration} left',
    expired: 'Time is up',
  },
  listView: {
    showing: 'Showing {shown} of {total}',
    showingSome: 'Showing {shown}',
    loadingMore: 'Loading more…',
    loadMore: 'Load more',
  },
  csvExport: {
    button: 'Export CSV',
    cancel: 'Cancel export',
    progressLabel: 'Export progress',
    preparing: 'Preparing the export…',
    progress: 'Downloading… {received}',
    progressOf: 'Downloading… {received} of {total}',
    done: 'Saved {fileName} ({size}).',
    truncated:
      'Only the first rows are in this file: the export limit was reached. Narrow the filter and export again for the rest.',
  },
} as const;
