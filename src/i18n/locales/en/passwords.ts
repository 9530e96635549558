export const messages = {
  passwords: {
    actions: {
      change: 'Change void password',
      reset: 'Reset void password (forgotten)',
      sent: '{kind} sent to terminal {tid}.',
      notSent:
        'Your session ended, so {kind, select, change {the change} other {the reset}} of the void password of terminal {tid} was not sent. Nothing changed at the terminal: do it again if it is still needed.',
    },
    dialog: {
      cancel: 'Cancel',
      close: 'Close',
      sending: 'Sending…',
    },
    rules: {
      summary:
        "6 digits. Not 123456, not one digit six times, no runs like 123456 or 654321, not a common PIN, not one of this terminal's last 3.",
      digits: 'Digits only: no letters, spaces or symbols.',
      length: 'Exactly 6 digits.',
      factoryDefault: 'Not the factory default 123456.',
      sameDigit: 'Not the same digit six times, like 888888.',
      sequence: 'No runs like 123456 or 654321.',
      common: 'Not a common PIN like 112233 or 520520.',
      ok: "Meets the rules. This terminal's last 3 void passwords are checked when you send.",
    },
    fields: {
      show: 'Show',
      hide: 'Hide',
      showNamed: 'Show {field}',
      hideNamed: 'Hide {field}',
      current: {
        label: 'Current void password',
        required: 'Enter the void password the terminal asks for now.',
        format: 'The current void password is 6 digits.',
      },
      newPin: {
        label: 'New void password',
        required: 'Enter the new void password.',
        fixRules: 'Choose another: see what it must not be, below.',
        sameAsCurrent: 'The new void password must differ from the current one.',
      },
      confirm: {
        label: 'New void password again',
        required: 'Enter the new void password a second time.',
        mismatch: 'The two new void passwords differ. Type the same PIN twice.',
      },
    },
    errors: {
      reused: "This is one of the terminal's last 3 void passwords. Choose another.",
      wrongCurrentAttempts:
        '{count, plural, one {The current void password is wrong. {formatted} more wrong attempt locks it for 30 minutes, and cashiers cannot void sales at the terminal until then.} other {The current void password is wrong. {formatted} attempts left; then it locks for 30 minutes, and cashiers cannot void sales at the terminal until then.}}',
    },
    change: {
      title: 'Change the void password of terminal {tid}',
      intro:
        'You need the void password the terminal asks for now. The terminal takes the new one at its next check-in.',
      attemptsSoFar:
        '{count, plural, one {{count} wrong attempt so far (here or at the terminal). After {left} more the void password locks for 30 minutes, and cashiers cannot void sales at the terminal until then.} other {{count} wrong attempts so far (here or at the terminal). After {left} more the void password locks for 30 minutes, and cashiers cannot void sales at the terminal until then.}}',
      forgotten: 'If nobody knows the current void password, do not guess: reset it instead.',
      resetInstead: 'Reset instead (forgotten)',
      submit: 'Send the new void password',
      what: 'the change',
    },
    reset: {
      title: 'Reset the void password of terminal {tid}',
      intro:
        'For a forgotten void password: the terminal takes the new one at its next check-in, without the old one.',
      backupTitle: 'Before you reset: keep a copy of its sales',
      backupBody:
        "A reset changes only the void password and deletes no sales. Still, export this terminal's transactions first, so you keep today's records for the day's reconciliation and any customer's question.",
      backupButton: "Export this terminal's sales (CSV)",
      modeLegend: 'New void password',
      modeChoose: 'Choose it now',
      modeTemporary: 'Generate a temporary one',
      modeTemporaryHint:
        'Shown to you once. The terminal asks for a new void password the first time it is used.',
      submit: 'Reset the void password',
      what: 'the reset',
    },
    stepUp: {
      why: 'Resetting a void password needs your account password again (the one you sign in with). It stays confirmed for 5 minutes in this tab.',
      password: 'Your account password',
      required: 'Enter your account password.',
      tooLong: 'That is longer than any account password.',
      confirm: 'Confirm',
      confirming: 'Checking…',
      wrong: 'The password is incorrect.',
      wrongWithAttempts:
        '{count, plural, one {The password is incorrect. {formatted} attempt left before a pause.} other {The password is incorrect. {formatted} attempts left before a pause.}}',
      expired: 'Your password confirmation has run out. Enter your account password again to go on.',
      confirmedUntil: 'Account password confirmed until {time}.',
    },
    ticket: {
      legend: 'Support ticket',
      why: 'Both appear in the audit trail with the reset.',
      id: 'Ticket reference',
      reason: 'Reason',
      reasonHint: 'For example: the owner called, the manager who knew the PIN has left.',
      idRequired: 'Enter the ticket reference of this request.',
      idTooLong: 'A ticket reference has at most 64 characters.',
      reasonRequired: 'Say why the void password is being reset.',
      reasonTooLong: 'Keep the reason under 500 characters.',
    },
    temporary: {
      title: 'Temporary void password for terminal {tid}',
      copy: 'Copy',
      copied: 'Copied. The clipboard is emptied when you close this.',
      copyFailed: 'This browser did not allow copying. Write the digits down instead.',
      once: 'It is shown only now: it is not kept anywhere and cannot be shown again.',
      firstUse:
        'Give it to the person at the terminal. The terminal asks them to choose a new void password the first time it is used.',
      readToMerchant:
        'Read it to the merchant, digit by digit. The first time it is used at the terminal, the terminal asks for a new void password.',
      online:
        'The terminal takes it at its next check-in, about every 30 seconds. Until then its old void password still works.',
      offline:
        'The terminal is offline: it takes this PIN when it next connects. Until then its old void password stays active.',
      validity:
        'Once taken, it works for one use, then must be changed at the terminal. If the terminal has not taken it by {time}, the reset lapses and the old void password stays.',
      noted: 'I have noted it',
    },
    openCommand: {
      oldStaysActive: 'Until the terminal picks it up, its old void password stays active.',
      summary: '{kind} · {status}, requested by {name} on {when}.',
      refused:
        'This terminal already has a command waiting (a void-password change or reset, or a firmware update). A new one can be sent once it is applied or cancelled.',
      queuedOnline:
        'Waiting for the terminal to check in (about every 30 seconds). Until then its old void password stays active.',
      queuedOffline:
        'The terminal is offline: its old void password stays active until it next connects. The command waits for it (up to 72 hours).',
      delivered: 'The terminal has received it and is applying it. It can no longer be cancelled.',
    },
    cancel: {
      button: 'Cancel the waiting {kind}',
      cancelling: 'Cancelling…',
      checkAgain: 'Check the cancel again',
      done: '{kind} cancelled. Nothing was changed at the terminal.',
      tooLate: 'Too late to cancel: the terminal picked up the {kind} in the meantime.',
      unknown:
        "We don't know yet whether the cancel went through. Check again: it is safe, it is never done twice.",
    },
    locked: {
      until:
        'The void password is locked after 5 wrong attempts, until {time}. Until then cashiers cannot void sales at the terminal.',
      noTime:
        'The void password is locked after 5 wrong attempts. While it is, cashiers cannot void sales at the terminal.',
      resetHint:
        'No change is possible until then. If nobody knows the current void password, reset it instead.',
      waitHint: 'No change is possible until then.',
      resetInstead: 'Reset it instead',
    },
    unknown: {
      title: "We don't know yet whether it went through",
      body: 'No clear answer came back from the acquirer (the connection dropped, or it had a problem), so {what} may or may not have been sent.',
      rereading: 'Checking the terminal…',
      rereadWaiting: 'The terminal now shows: {summary}',
      rereadNone: 'The terminal shows no command waiting.',
      safe: '"Check again" asks the acquirer with the very same request: if the first one arrived you get its answer, otherwise it is sent now. It is never done twice.',
      checkAgain: 'Check again',
      checking: 'Checking…',
    },
    bulk: {
      filterPart: '{label}: {value}',
      button: 'Reset void passwords…',
      title:
        '{count, plural, one {Reset the void password of {formatted} terminal} other {Reset the void passwords of {formatted} terminals}}',
      andMore: '{count, plural, one {and {formatted} more} other {and {formatted} more}}',
      byFilter:
        '{count, plural, one {The {formatted} terminal matching this filter:} other {All {formatted} terminals matching this filter (counted again when the job starts):}}',
      noFilter: 'No filter: every terminal you can see.',
      merchant: 'Merchant',
      explain:
        'Each gets the same new void password. Online terminals take it at their next check-in; offline ones keep their old void password until they next connect.',
      skipped:
        'A terminal that already has a command waiting is skipped and shown as failed; you can retry it later.',
      continue: 'Continue',
      submit: '{count, plural, one {Reset {formatted} terminal} other {Reset {formatted} terminals}}',
      noneMatch:
        'No terminal matches any more: the list changed since you chose. Close this and choose again.',
      what: 'the bulk reset',
    },
    job: {
      title: 'Bulk void-password reset',
      backToList: 'All terminals',
      notFoundTitle: 'Bulk reset not found',
      notFoundBody: 'There is no bulk reset with this address among yours. Start one from the terminal list.',
      progressTitle: 'Progress',
      progressLabel: 'Terminals done',
      started: 'Started {when}',
      running:
        'So far {succeeded} of {total} terminals applied the new void password; {failed} failed, {waiting} still waiting for the terminal.',
      finished: 'Finished: {succeeded} of {total} terminals applied the new void password; {failed} failed.',
      whatNext:
        'Each terminal takes the new void password at its next check-in (about every 30 seconds); offline ones keep the old one until they next connect. This page follows them until every terminal has applied it, failed or expired.',
      oldPinTitle:
        '{count, plural, one {{formatted} terminal still accepts the old void password:} other {{formatted} terminals still accept the old void password:}}',
      oldPin: {
        untilCheckIn: 'until its next check-in (about every 30 seconds).',
        untilConnects: 'offline, it still accepts the old void password until it connects.',
        notReset: 'the reset did not reach it; reset it again.',
      },
      retryFailed:
        '{count, plural, one {Retry the {formatted} failed terminal…} other {Retry the {formatted} failed terminals…}}',
      resultsTitle: 'Terminals',
      failedOnly: 'Show failed only',
      noResultsYet: 'No terminal handled yet.',
      showMore: 'Show more ({shown} of {total} shown)',
      columns: {
        tid: 'TID',
        outcome: 'Outcome',
      },
      outcome: {
        queued: 'Queued: waiting for its next check-in.',
        queuedOffline: 'Waiting: offline, it still accepts the old void password until it connects.',
        delivered: 'Delivered: the terminal is applying it.',
        applied: 'Applied: the new void password is in effect.',
        appliedAt: 'Applied {when}: the new void password is in effect.',
        failed: 'Failed at the terminal: the new void password was not applied.',
        expired: 'Expired: the terminal did not connect within 72 hours.',
        cancelled: 'Cancelled: nothing changed at the terminal.',
      },
      error: {
        alreadyOpen: 'Skipped: a command was already waiting for this terminal.',
        reused: "Failed: the new void password is one of this terminal's last 3.",
        notFound: 'Failed: not found among your terminals.',
        unknown: 'Failed: the reset could not be queued.',
      },
    },
  },
} as const;
