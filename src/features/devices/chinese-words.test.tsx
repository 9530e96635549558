import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { changeLanguage } from '@/i18n/i18n';
import { resetMock } from '@/mocks/node';
import { DEMO_TIDS } from '@acquirer/data/demo-fixtures';
import { setupMockAcquirer } from '@/testing/mock-server';
import { renderSignedIn } from '@/testing/render-app';

setupMockAcquirer();

async function inChinese(route: string) {
  const app = await renderSignedIn('owner', { route });
  await act(() => changeLanguage('zh-CN'));
  return app;
}

describe('Terminals in Chinese, in the words merchants know', () => {
  it('the fleet list: a Chinese comma in the summary, 已修改, and the last contact with the platform', async () => {
    await inChinese('/terminals');
    const table = await screen.findByRole('table', { name: '终端' });
    expect(
      screen.getAllByRole('status').find((status) => status.textContent?.startsWith('共 12 台终端')),
    ).toHaveTextContent(/^共 12 台终端，其中 4 台仍用出厂密码/);
    const row = (tid: string) =>
      within(table)
        .getAllByRole('row')
        .find((candidate) => within(candidate).queryByRole('link', { name: tid }))!;
    expect(within(row(DEMO_TIDS.custom)).getByText('已修改')).toBeVisible();
    expect(within(row(DEMO_TIDS.offline)).getByText(/^最后通信 /)).toBeVisible();
    expect(table).not.toHaveTextContent(/签到|最后在线|已自定义/);
  });

  it('the terminal page names the 主管密码 and says the command waits for the terminal’s contact with the platform', async () => {
    await inChinese(`/terminals/${DEMO_TIDS.openCommand}`);
    expect(await screen.findByRole('region', { name: '撤销消费密码（主管密码）' })).toBeVisible();
    expect(await screen.findByText('终端离线。恢复与平台通信后会领取该指令，除非指令先过期。')).toBeVisible();
    expect(screen.getByRole('main')).not.toHaveTextContent(/签到|联网/);
  });

  it('the bulk reset lists the chosen terminals with the Chinese enumeration comma', async () => {
    const app = await inChinese('/terminals?passwordState=default');
    await app.user.click(await screen.findByRole('checkbox', { name: '选择全部 4 台终端' }));
    await app.user.click(await screen.findByRole('button', { name: '批量重置撤销消费密码…' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/^\d{8}(、\d{8}){3}$/)).toBeVisible();
  });

  it('the bulk reset of a filter names it with Chinese colons', async () => {
    resetMock({ scenario: 'large' });
    const app = await renderSignedIn('support', {
      route: '/terminals?passwordState=default&model=PAX%20A920',
    });
    await act(() => changeLanguage('zh-CN'));
    await screen.findByText(/^已显示 100 \/ 共/);
    await app.user.click(screen.getByRole('checkbox', { name: '选择已加载的 100 台终端' }));
    await app.user.click(screen.getByRole('button', { name: /^选择符合此筛选条件的全部 [\d,]+ 台终端$/ }));
    await app.user.click(await screen.findByRole('button', { name: '批量重置撤销消费密码…' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('撤销消费密码（主管密码）：出厂默认 · 型号：PAX A920')).toBeVisible();
  });
});
