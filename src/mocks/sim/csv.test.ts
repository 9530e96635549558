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

describe('exports', () => {
  it('exports the filtered transactions of the owner as CSV, and audits it', () => {
    const acquirer = testAcquirer();
    const owner = signedIn(acquirer, 'owner');
    const response = owner.get('/transactions/export', { terminalId: DEMO_TIDS.custom });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="transactions-20250611\.csv"$/,
    );
    const lines = (response.body as string)
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toMatch(/^id,createdAt,merchantId,tid,storeName,type,status,method,amountYuan/);
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

  it('exports terminals with the store names intact', () => {
    const owner = signedIn(testAcquirer(), 'owner');
    const csv = owner.get('/terminals/export', { passwordState: 'default' }).body as string;
    expect(csv.startsWith('\uFEFFtid,sn,model')).toBe(true);
    expect(csv).toContain('悦来便利店(文三路店)');
    expect(csv.trimEnd().split('\r\n')).toHaveLength(1 + 4);
  });

  it('is refused to cashiers (403)', () => {
    const cashier = signedIn(testAcquirer(), 'cashier');
    expect(codeOf(cashier.get('/transactions/export'))).toBe('auth.forbidden');
    expect(codeOf(cashier.get('/terminals/export'))).toBe('auth.forbidden');
  });
});
