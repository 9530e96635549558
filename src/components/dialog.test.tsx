import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { Dialog } from './dialog';
import { TextField } from './text-field';

function PageWithDialog({ closeOnEscape = true }: { closeOnEscape?: boolean }) {
  const [open, setOpen] = useState(false);
  const [escapes, setEscapes] = useState(0);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open
      </button>
      <p>Escape pressed {escapes} times</p>
      <Dialog
        open={open}
        labelledBy="title"
        onCancel={() => {
          setEscapes((count) => count + 1);
          if (closeOnEscape) setOpen(false);
        }}
      >
        <h2 id="title">Change it</h2>
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
        <TextField label="New value" data-autofocus />
      </Dialog>
    </>
  );
}

describe('Dialog', () => {
  it('is named by its title and starts at the control marked data-autofocus', async () => {
    render(<PageWithDialog />);
    await userEvent.click(screen.getByRole('button', { name: 'Open' }));
    expect(screen.getByRole('dialog', { name: 'Change it' })).toBeInTheDocument();
    expect(screen.getByLabelText('New value')).toHaveFocus();
  });

  it('gives the focus back to the control that opened it when it closes, by Cancel or by Escape', async () => {
    render(<PageWithDialog />);
    const opener = screen.getByRole('button', { name: 'Open' });

    await userEvent.click(opener);
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(opener).toHaveFocus();

    await userEvent.click(opener);
    expect(opener).not.toHaveFocus();
    // The browser fires `cancel` on the dialog for Escape.
    fireEvent(screen.getByRole('dialog'), new Event('cancel', { cancelable: true }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(opener).toHaveFocus();
  });

  it('leaves Escape to its owner: a dialog that must not close on Escape stays open', async () => {
    render(<PageWithDialog closeOnEscape={false} />);
    await userEvent.click(screen.getByRole('button', { name: 'Open' }));
    const cancel = new Event('cancel', { cancelable: true });
    fireEvent(screen.getByRole('dialog'), cancel);
    expect(cancel.defaultPrevented).toBe(true);
    expect(screen.getByText('Escape pressed 1 times')).toBeInTheDocument();
    expect(screen.getByRole('dialog', { name: 'Change it' })).toBeInTheDocument();
  });
});

describe('TextField errors', () => {
  it('are written into a live region that was there before, and describe the field', () => {
    const { rerender } = render(<TextField label="Ticket reference" />);
    const field = screen.getByLabelText('Ticket reference');
    // The live region has no name to find it by; it is the one beside the field.
    // eslint-disable-next-line testing-library/no-node-access
    const region = field.parentElement?.querySelector('[aria-live="polite"]');
    expect(region).toBeInTheDocument();
    expect(region).toBeEmptyDOMElement();
    expect(field).not.toHaveAttribute('aria-invalid');

    rerender(<TextField label="Ticket reference" error="Enter the ticket reference of this request." />);
    expect(screen.getByLabelText('Ticket reference')).toBe(field);
    // eslint-disable-next-line testing-library/no-node-access
    expect(field.parentElement?.querySelector('[aria-live="polite"]')).toBe(region);
    expect(region).toHaveTextContent('Enter the ticket reference of this request.');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription('Enter the ticket reference of this request.');
  });
});
