import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { act } from 'react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { changeLanguage } from '@/i18n/i18n';
import { VirtualList, type VirtualListProps } from './virtual-list';

beforeAll(async () => {
  await act(() => changeLanguage('en'));
});

interface Fruit {
  id: string;
  name: string;
}

const fruits = (count: number): Fruit[] =>
  Array.from({ length: count }, (_, i) => ({ id: `f${i}`, name: `Fruit ${i + 1}` }));

function renderList(props: Partial<VirtualListProps<Fruit>> = {}) {
  const fetchNextPage = vi.fn();
  const view = render(
    <VirtualList<Fruit>
      label="Fruits"
      items={fruits(500)}
      total={2000}
      getKey={(fruit) => fruit.id}
      renderRow={(fruit) => (
        <div role="cell">
          <a href={`#${fruit.id}`}>{fruit.name}</a>
        </div>
      )}
      header={<div role="columnheader">Name</div>}
      estimateRowHeight={40}
      status="success"
      hasNextPage
      isFetchingNextPage={false}
      fetchNextPage={fetchNextPage}
      empty={<p>No fruit</p>}
      {...props}
    />,
  );
  return { ...view, fetchNextPage, user: userEvent.setup() };
}

const dataRows = () =>
  within(screen.getByRole('table', { name: 'Fruits' }))
    .getAllByRole('row')
    .slice(1);

describe('VirtualList', () => {
  it('renders a bounded window of rows, numbered within the whole result', () => {
    renderList();

    const rows = dataRows();
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(30);
    expect(screen.getByRole('table')).toHaveAttribute('aria-rowcount', '2001');
    expect(rows[0]).toHaveAttribute('aria-rowindex', '2');
    expect(screen.getByRole('status')).toHaveTextContent('Showing 500 of 2,000');
  });

  it('loads the next page from the button, for keyboards and screen readers', async () => {
    const { user, fetchNextPage } = renderList();

    await user.click(screen.getByRole('button', { name: 'Load more' }));

    expect(fetchNextPage).toHaveBeenCalled();
  });

  it('asks for the next page by itself when the end of a short list is in view', () => {
    const { fetchNextPage } = renderList({ items: fruits(5), total: 50 });

    expect(fetchNextPage).toHaveBeenCalled();
  });

  it('moves between rows with the arrow keys, Home and End, one tab stop for all rows', async () => {
    const { user } = renderList({ items: fruits(300), hasNextPage: false, total: 300 });
    const rows = dataRows();
    expect(rows.filter((row) => row.tabIndex === 0)).toHaveLength(1);

    rows[0]!.focus();
    await user.keyboard('{ArrowDown}');
    expect(dataRows()[1]).toHaveFocus();
    expect(dataRows()[1]).toHaveAttribute('aria-rowindex', '3');
    await user.keyboard('{End}');
    const last = dataRows().at(-1);
    expect(last).toHaveFocus();
    expect(last).toHaveAttribute('aria-rowindex', '301');
    expect(last).toHaveTextContent('Fruit 300');
    await user.keyboard('{Home}');
    expect(dataRows()[0]).toHaveFocus();
    expect(dataRows()[0]).toHaveTextContent('Fruit 1');
  });

  it('shows the loading, empty and error states it is given', async () => {
    const { rerender } = renderList({ status: 'pending' });
    expect(screen.getByRole('status')).toHaveTextContent('Loading…');

    const noRows: VirtualListProps<Fruit> = {
      label: 'Fruits',
      items: [],
      getKey: (fruit) => fruit.id,
      renderRow: () => null,
      estimateRowHeight: 40,
      status: 'success',
      hasNextPage: false,
      isFetchingNextPage: false,
      fetchNextPage: () => undefined,
      empty: <p>No fruit</p>,
    };
    const onRetry = vi.fn();
    rerender(<VirtualList {...noRows} status="error" error={new Error('boom')} onRetry={onRetry} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Something went wrong');
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalled();

    rerender(<VirtualList {...noRows} />);
    expect(screen.getByText('No fruit')).toBeVisible();
  });
});
