import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { changeLanguage } from '@/i18n/i18n';
import { ExportButton } from './export-button';

beforeAll(() => changeLanguage('en'));

async function exportFile(fileName: string, truncated: boolean): Promise<HTMLElement> {
  vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:export');
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
  const file = new File(['tid\r\n'], fileName, { type: 'text/csv' });
  render(<ExportButton download={() => Promise.resolve({ file, truncated })} />);
  await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
  const status = await screen.findByRole('status');
  await vi.waitFor(() => expect(status).toHaveTextContent(`Saved ${fileName}`));
  return status;
}

describe('ExportButton', () => {
  it('says plainly when the file holds only the first rows (the export limit was reached)', async () => {
    const status = await exportFile('transactions-20261125.csv', true);
    expect(status).toHaveTextContent(
      'Only the first rows are in this file: the export limit was reached. Narrow the filter and export again for the rest.',
    );
  });

  it('says nothing of a limit when the whole list is in the file', async () => {
    const status = await exportFile('terminals-20261125.csv', false);
    expect(status).not.toHaveTextContent(/export limit/);
  });
});
