// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv';
import { DEMO_TIDS } from './data/demo-fixtures';
import { codeOf, signedIn, testAcquirer } from './testing/harness';

describe('CSV', () => {
  it('starts with a UTF-8 BOM and a header row, rows end with CRLF', () => {
    expect(toCsv(['a', 'b'], [['1', '杭州']])).toBe('\uFEFFa,b\r\n1,杭州\r\n');
  });

  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+86 138', "'+86 138"],
    ['-1', "'-1"],
    ['@cmd', "'@cmd"],
    ['\tstart', "'\tstart"],
    ['\rstart', '"\'\rstart"'],
    [' =1+1', "' =1+1"],
    ['＝1+1', "'＝1+1"],
    ['plain', 'plain'],
  ])('neutralises a cell that a spreadsheet would run as a formula: %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=1,"2"')).toBe('"\'=1,""2"""');
    expect(csvCell(null)).toBe('');
    expect(csvCell(-12.5)).toBe('-12.5');
  });
});

function linesOf(body: unknown): string[] {
  return (body as string)
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');
}

describe('exports', () => {
  it('exports the filtered transactions of the owner as CSV, named after the terminal, and audits it', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    const response = await owner.get('/transactions/export', { terminalId: DEMO_TIDS.custom });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="transactions-${DEMO_TIDS.custom}-20250611.csv"`,
    );
    const lines = linesOf(response.body);
    expect(lines.length - 1).toBe(
      acquirer.state.world.transactions.filter((t) => t.terminal.tid === DEMO_TIDS.custom).length,
    );
    expect(lines.slice(1).every((line) => line.includes(`,${DEMO_TIDS.custom},`))).toBe(true);
    expect(acquirer.state.audit.at(-1)).toMatchObject({
      action: 'transactions.exported',
      actor: 'owner',
      tid: DEMO_TIDS.custom,
    });
  });

  it('names a file of every terminal by the date alone', async () => {
    const owner = await signedIn(testAcquirer(), 'owner');
    expect((await owner.get('/transactions/export')).headers['content-disposition']).toBe(
      'attachment; filename="transactions-20250611.csv"',
    );
  });

  it.each([
    [
      'zh-CN',
      '交易编号,交易时间（北京时间）,商户号,终端号,门店,交易类型,状态,支付方式,金额（元）,币种,卡号后 4 位,凭证号,参考号,批次号,操作员,当前可撤销,撤销截止时间（北京时间）,不可撤销原因,原消费交易编号',
      [',消费,成功,芯片卡,', ',是,', ',扫码支付，请原路退款,', ',撤销,'],
    ],
    [
      'en',
      'Transaction ID,Time (China Standard Time),MID,TID,Store,Type,Status,Payment method,Amount (CNY),Currency,Card ending,Trace no.,RRN,Batch no.,Operator,Voidable now,Void deadline (China Standard Time),Why not voidable,Original sale ID',
      [',Sale,Approved,Chip card,', ',Yes,', ',QR payment: refund to the original method,', ',Void,'],
    ],
  ])('writes the headers and values in %s', async (lang, header, values) => {
    const owner = await signedIn(testAcquirer(), 'owner');
    const lines = linesOf(
      (await owner.get('/transactions/export', { terminalId: DEMO_TIDS.custom, lang })).body,
    );
    expect(lines[0]).toBe(header);
    for (const value of values)
      expect(
        lines.some((line) => line.includes(value)),
        value,
      ).toBe(true);
    // Times as Excel reads them, in Shanghai time.
    expect(lines[1]).toMatch(/^[^,]+,\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,/);
    expect(lines.join('\n')).not.toMatch(/card_chip|approved|qr_refund_only/);
  });

  it('writes Chinese without a language, and refuses one it does not have', async () => {
    const owner = await signedIn(testAcquirer(), 'owner');
    expect(linesOf((await owner.get('/transactions/export')).body)[0]).toMatch(/^交易编号,/);
    expect(codeOf(await owner.get('/transactions/export', { lang: 'fr' }))).toBe('request.malformed');
  });

  it('exports terminals with the store names intact, in the language asked (Chinese without one)', async () => {
    const owner = await signedIn(testAcquirer(), 'owner');
    const csv = (await owner.get('/terminals/export', { passwordState: 'default' })).body as string;
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFF终端号,序列号,型号,固件版本,商户号,商户名称,门店,连接状态,最后通信（北京时间）,撤销消费密码（主管密码）,密码上次修改（北京时间）,锁定至（北京时间）,密码指令',
    );
    expect(csv).toContain('悦来便利店(文三路店)');
    expect(lines.slice(1).every((line) => line.includes(',出厂默认,'))).toBe(true);
    expect(lines[1]).toMatch(/,\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,/);
    expect(lines).toHaveLength(1 + 4);
    const english = (await owner.get('/terminals/export', { passwordState: 'default', lang: 'en' }))
      .body as string;
    expect(english).toMatch(/^\uFEFFTID,SN,Model,/);
    expect(english).not.toMatch(/,default,|online|offline/);
    expect(codeOf(await owner.get('/terminals/export', { lang: 'fr' }))).toBe('request.malformed');
  });

  it('is refused to cashiers (403)', async () => {
    const cashier = await signedIn(testAcquirer(), 'cashier');
    expect(codeOf(await cashier.get('/transactions/export'))).toBe('auth.forbidden');
    expect(codeOf(await cashier.get('/terminals/export'))).toBe('auth.forbidden');
  });
});
