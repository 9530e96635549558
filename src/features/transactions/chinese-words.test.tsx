import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { changeLanguage } from '@/i18n/i18n';
import { DEMO_TIDS, DEMO_TRACE_NOS } from '@acquirer/data/demo-fixtures';
import { setupMockAcquirer } from '@/testing/mock-server';
import { renderSignedIn } from '@/testing/render-app';

setupMockAcquirer();

async function inChinese(route: string) {
  const app = await renderSignedIn('owner', { route });
  await act(() => changeLanguage('zh-CN'));
  return app;
}

describe('Transactions in Chinese, in the words merchants know', () => {
  it('the void steps name the 主管密码 the terminal asks for, and the slip it prints is the 签购单', async () => {
    const app = await inChinese(`/transactions?q=${DEMO_TRACE_NOS.voidableSale}`);
    await app.user.click(
      await screen.findByRole('button', { name: `消费 ${DEMO_TRACE_NOS.voidableSale} 的详情` }),
    );
    const dialog = await screen.findByRole('dialog', { name: '消费 ¥128.00' });
    const steps = within(within(dialog).getByRole('region', { name: '如何在终端上撤销' })).getAllByRole(
      'listitem',
    );
    expect(steps[1]).toHaveTextContent('输入撤销消费密码（主管密码）。');
    expect(steps[4]).toHaveTextContent('核对金额为 ¥128.00 后确认，并将终端打印的签购单交给顾客。');
    expect(dialog).not.toHaveTextContent('凭条');
  });

  it('a QR sale is refunded 原路退款 in the wallet’s back office, with the original date, within the provider’s limit', async () => {
    const app = await inChinese(
      `/transactions?voidable=all&terminalId=${DEMO_TIDS.custom}&q=${DEMO_TRACE_NOS.qrSale}`,
    );
    await app.user.click(await screen.findByRole('button', { name: `消费 ${DEMO_TRACE_NOS.qrSale} 的详情` }));
    const dialog = await screen.findByRole('dialog', { name: /^消费 ¥/ });
    expect(dialog).toHaveTextContent('扫码支付无法在终端上撤销');
    expect(dialog).toHaveTextContent(
      '请原路退款：在微信支付或支付宝商户后台（或在支持扫码退款的终端上）凭订单号办理',
    );
    expect(dialog).toHaveTextContent('需要提供原交易日期');
    expect(dialog).toHaveTextContent('通常为 180 天或 1 年，请以其规定为准');
  });

  it('a settled card sale is refunded with the original transaction date', async () => {
    const app = await inChinese(`/transactions?voidable=all&q=${DEMO_TRACE_NOS.settledSale}`);
    await app.user.click(
      await screen.findByRole('button', { name: `消费 ${DEMO_TRACE_NOS.settledSale} 的详情` }),
    );
    const dialog = await screen.findByRole('dialog', { name: /^消费 ¥/ });
    expect(dialog).toHaveTextContent('需要原卡、参考号和原交易日期');
    expect(dialog).toHaveTextContent('期限由收单机构规定');
  });

  it('the voids page says a void reverses the card charge, not that money goes back at the counter', async () => {
    await inChinese('/transactions/voids');
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('已撤销的交易'));
    const intro = screen.getByText(/^撤销会取消当天的一笔银行卡消费/);
    expect(intro).toHaveTextContent('冲正顾客卡上的这笔扣款');
    expect(screen.getByRole('main')).not.toHaveTextContent('收银台');
  });
});
