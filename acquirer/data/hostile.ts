import type { World } from '../types';
import { MERCHANT_A, MERCHANT_B, MERCHANT_C } from './demo-fixtures';

/**
 * Every name the API hands out replaced by text a careless UI would run as markup, reorder, or let break the
 * layout.
 */
export const HOSTILE_TEXT = {
  img: '<img src=x onerror=alert(1)>悦来便利店',
  script: '<script>alert("store")</script>文三路店',
  svg: '"><svg onload=alert(1)>鲜果时光',
  /** U+202E right-to-left override: "exe.gnp" would show as "png.exe", and so on after it. */
  rtlOverride: '\u202Egnp.exe\u202C 味香园',
  /** U+200F right-to-left mark and Arabic: bidi text among left-to-right neighbours. */
  rtlMark: '\u200Fمتجر الفاكهة\u200F 漕溪北路店',
  zeroWidth: '悦\u200B来\u200C便\u200D利\uFEFF店(古荡店)',
  emoji: '🏪悦来便利店👨‍👩‍👧‍👦(黄龙店)🔥💳',
  longLatin: `Yuelai${'Convenience'.repeat(44)}${'X'.repeat(10)}`,
  longCjk: '衡山路'.repeat(166) + '店店',
  /** A support reset's reason: markup and an override that is never closed. */
  reason: "<img src=x onerror=alert('reason')> 店长遗忘撤销密码\u202E,来电申请重置",
} as const;

export const HOSTILE_MERCHANT_NAMES: Record<string, string> = {
  [MERCHANT_A]: HOSTILE_TEXT.img,
  [MERCHANT_B]: HOSTILE_TEXT.rtlOverride,
  [MERCHANT_C]: HOSTILE_TEXT.longLatin,
};
const HOSTILE_STORE_NAMES = [
  HOSTILE_TEXT.script,
  HOSTILE_TEXT.zeroWidth,
  HOSTILE_TEXT.emoji,
  HOSTILE_TEXT.rtlMark,
  HOSTILE_TEXT.longCjk,
  HOSTILE_TEXT.svg,
];

/** Usernames and passwords stay, so they can sign in. */
export const HOSTILE_USER_NAMES: Record<string, string> = {
  usr_owner: '<b onmouseover=alert(1)>王建国</b>',
  usr_cashier: HOSTILE_TEXT.longLatin,
  usr_support: '\u202E陈晓 support',
  usr_owner2: '赵敏\u200B😀<i>',
};

export function makeHostile(world: World): void {
  for (const merchant of world.merchants) {
    merchant.name = HOSTILE_MERCHANT_NAMES[merchant.id] ?? merchant.name;
  }
  world.stores.forEach((store, i) => {
    store.name = HOSTILE_STORE_NAMES[i % HOSTILE_STORE_NAMES.length]!;
  });
  world.terminals.forEach((terminal, i) => {
    if (i % 3 === 0) terminal.firmware = `${terminal.firmware}<script>alert(1)</script>`;
  });
  for (const command of world.commands) {
    const name = command.requestedByUserId ? HOSTILE_USER_NAMES[command.requestedByUserId] : undefined;
    if (name) command.requestedBy = name;
    if (command.reason) command.reason = HOSTILE_TEXT.reason;
    if (command.ticketId) command.ticketId = `TK-<b>${command.ticketId.slice(-4)}</b>`;
  }
  for (const event of world.audit) {
    if (event.reason) event.reason = HOSTILE_TEXT.reason;
    if (event.ticketId) event.ticketId = `TK-<b>${event.ticketId.slice(-4)}</b>`;
  }
}
