import { describe, expect, it } from 'vitest';
import { bulkResetForm, resetVoidPasswordForm } from './pin-forms';

const INVISIBLE = { ticketId: '\u200B\u200C\u200D', reason: '\uFEFF\u2060 \t\u200B' };

const pathsOf = (result: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]);

describe('the ticket and reason of a support reset', () => {
  it('refuses a ticket and reason of nothing but invisible characters, as the acquirer does', () => {
    const reset = resetVoidPasswordForm({ ticketRequired: true }).safeParse({
      mode: 'temporary',
      newPassword: '',
      confirmPassword: '',
      ...INVISIBLE,
    });
    expect(pathsOf(reset)).toEqual([
      ['ticketId', 'passwords.ticket.idRequired'],
      ['reason', 'passwords.ticket.reasonRequired'],
    ]);
    const bulk = bulkResetForm({ ticketRequired: true }).safeParse({
      newPassword: '470215',
      confirmPassword: '470215',
      ...INVISIBLE,
    });
    expect(pathsOf(bulk)).toEqual([
      ['ticketId', 'passwords.ticket.idRequired'],
      ['reason', 'passwords.ticket.reasonRequired'],
    ]);
  });

  it('takes visible text with invisible edges, trimmed', () => {
    const reset = resetVoidPasswordForm({ ticketRequired: true }).parse({
      mode: 'temporary',
      newPassword: '',
      confirmPassword: '',
      ticketId: '\u200BTK-1\uFEFF',
      reason: '\u2060lost PIN ',
    });
    expect(reset).toMatchObject({ ticketId: 'TK-1', reason: 'lost PIN' });
  });
});
