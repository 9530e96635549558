// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { TRANSACTION_EXPORT_LABELS } from '@acquirer/views/export-labels';
import { zhCN } from './locales/zh-CN';

const CJK = '\\p{Script=Han}';
const ASCII_MARK = '[,;:?!()]';
/** An ASCII comma, semicolon, colon, question or exclamation mark or bracket beside a Chinese character. */
const ASCII_BESIDE_CJK = new RegExp(`${CJK}${ASCII_MARK}|${ASCII_MARK}${CJK}`, 'u');

function textsOf(tree: object, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [[`${prefix}${key}`, value] as [string, string]]
      : textsOf(value as object, `${prefix}${key}.`),
  );
}

describe('Chinese text', () => {
  it.each([
    ['the zh-CN catalogs', zhCN],
    ['the Chinese words of the transactions export', TRANSACTION_EXPORT_LABELS['zh-CN']],
  ])('uses Chinese punctuation beside Chinese characters in %s', (_, tree) => {
    const ascii = textsOf(tree).filter(([, text]) => ASCII_BESIDE_CJK.test(text));
    expect(ascii.map(([key, text]) => `${key}: ${text}`)).toEqual([]);
  });

  it('the check finds ASCII punctuation beside Chinese characters, and leaves ICU syntax and ASCII text alone', () => {
    for (const text of ['终端离线,请稍后', '已锁定(30 分钟)', '注意:密码', '完成!', '是否继续?'])
      expect(ASCII_BESIDE_CJK.test(text), text).toBe(true);
    for (const text of [
      '{count, plural, one {{formatted} 台} other {{formatted} 台}}',
      '终端（TID）',
      'SN: 123',
      '撤销（Void）',
    ])
      expect(ASCII_BESIDE_CJK.test(text), text).toBe(false);
  });

  // 签到 is the operator's daily sign-on at the terminal, which no screen mentions; the
  // terminal's automatic contact is 与平台通信.
  it.each([
    ['签到', 'the operator sign-on, not the terminal’s contact'],
    ['联网', 'one term for the contact: 与平台通信'],
    ['最后在线', 'last contact: 最后通信'],
    ['已自定义', '已修改'],
    ['凭条', '签购单'],
    ['收银台', 'a void reverses the card charge'],
  ])('the zh-CN catalogs do not say %s (%s)', (word) => {
    expect(textsOf(zhCN).filter(([, text]) => text.includes(word))).toEqual([]);
  });
});
