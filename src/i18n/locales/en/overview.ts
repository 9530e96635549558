export const messages = {
  overview: {
    security: {
      title: 'Void password security',
      allTerminals: '{count, plural, one {All {formatted} terminal} other {All {formatted} terminals}}',
      factoryPassword: 'On the factory void password 123456',
      locked: 'Void password locked after wrong attempts',
      offline: 'Offline',
      openCommands: 'Password changes waiting for the terminal',
      stalePasswords: 'Void password unchanged for over {days} days',
      outdatedFirmware: 'On an older firmware release, with an update available',
      show: 'Show them',
    },
    money: {
      title: 'Sales you can still void',
      count:
        '{count, plural, one {{formatted} card sale, voidable at the terminal} other {{formatted} card sales, voidable at the terminal}}',
      none: 'No sale can be voided right now.',
      nextCutoff: 'The first deadline is {time}:',
      left: '{duration} left',
      open: 'Open voidable sales',
    },
    voids: {
      title: 'Voids per day, last 14 days',
      summary:
        '{count, plural, one {{formatted} void worth {amount} in the last 14 days; the most on {day} ({dayCount}).} other {{formatted} voids worth {amount} in the last 14 days; the most on {day} ({dayCount}).}}',
      none: 'No voids in the last 14 days.',
      valueText: '{count, plural, one {{formatted} void, {amount}} other {{formatted} voids, {amount}}}',
      day: 'Day',
      count: 'Voids',
      amount: 'Amount',
      review: 'Review the voids of the last 14 days',
    },
  },
} as const;
