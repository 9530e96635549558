// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

/**
 * RFC 4180, read strictly: records end with CRLF; a field is either plain (no `"`, `,`, CR or
 * LF) or quoted, with `""` for a quote. Anything else throws, so a sloppy writer fails here.
 */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i++];
      }
    } else {
      while (i < text.length && !/[",\r\n]/.test(text[i]!)) field += text[i++];
      if (text[i] === '"') throw new Error(`a quote inside a plain field at ${i}`);
    }
    record.push(field);
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text.startsWith('\r\n', i)) {
      records.push(record);
      record = [];
      i += 2;
      if (i === text.length) return records;
      continue;
    }
    throw new Error(`expected , or CRLF at ${i}, found ${JSON.stringify(text.slice(i, i + 5))}`);
  }
}

/** What a spreadsheet would run, by this test's own reading of OWASP "CSV injection". */
const RISKY = /^(?:\s*[=+\-@＝＋－＠]|[\t\r])/;

/** Strings full of what breaks CSV and what spreadsheets execute. */
const cell = fc.oneof(
  fc.string(),
  fc.string({
    unit: fc.constantFrom('"', ',', '\r', '\n', '=', '+', '-', '@', '\t', ' ', '＝', 'a', '杭', '😀', "'"),
  }),
  fc.constantFrom("=cmd|' /C calc'!A0", '=HYPERLINK("http://x","y")', "@SUM(1+1)*cmd|'/C calc'!A0", '-2+3'),
);
const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { maxLength: 8 });

function neutralised(value: string): string {
  return RISKY.test(value) ? `'${value}` : value;
}

describe('CSV writer (properties)', () => {
  it('round-trips any table through an RFC 4180 reader, risky cells prefixed with a quote', () => {
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 6 }), table, (header, rows) => {
        const csv = toCsv(header, rows);
        expect(csv.startsWith('\uFEFF')).toBe(true);
        expect(parseCsv(csv.slice(1))).toEqual([header, ...rows].map((row) => row.map(neutralised)));
      }),
      { numRuns: 1500 },
    );
  });

  it('leaves no cell a spreadsheet would run as a formula', () => {
    fc.assert(
      fc.property(table, (rows) => {
        for (const read of parseCsv(toCsv(['h'], rows).slice(1)).flat()) expect(read).not.toMatch(RISKY);
      }),
      { numRuns: 1500 },
    );
  });

  it('writes numbers as numbers, negative ones too', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true }), { minLength: 1, maxLength: 5 }), (numbers) => {
        const [, record] = parseCsv(toCsv(['n'], [numbers]).slice(1));
        expect(record!.map(Number)).toEqual(numbers.map((n) => (Object.is(n, -0) ? 0 : n)));
      }),
    );
  });
});
