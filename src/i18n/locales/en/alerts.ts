export const messages = {
  alerts: {
    title: 'Risk alerts',
    empty: 'No risk alerts right now.',
    terminal: 'Terminal {tid}',
    merchant: 'Merchant {mid}',
    count: '{count, plural, one {{count} affected} other {{count} affected}}',
    severity: {
      info: 'Info',
      warning: 'Warning',
      critical: 'Critical',
    },
    kind: {
      default_password: 'Terminals still on the factory void password',
      lockout: 'Void password locked after wrong attempts',
      void_burst: 'Unusual number of voids',
      stale_password: 'Void password not changed for a long time',
      offline: 'Terminal offline',
    },
    action: {
      default_password: 'Show these terminals',
      stale_password: 'Review the terminals',
      terminal: 'Open terminal {tid}',
      void_burst: 'Review the voids',
    },
  },
} as const;
