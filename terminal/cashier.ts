import type { VoidRefusalReason } from '@contract/terminal-protocol';
import { checkVoidPassword, type VoidPasswordRule } from '@contract/void-password-policy';
import type {
  CheckInReport,
  CommandReport,
  Fleet,
  FleetLogLine,
  HaltReason,
  PinChangeResult,
  RequestFailure,
  SaleResult,
  SettleResult,
  VoidResult,
} from './fleet';
import {
  type JournalEntry,
  MAX_CONSECUTIVE_WRONG_PINS,
  PIN_LOCK_MS,
  type SaleInput,
  type TerminalState,
} from './terminal-state';

// What a cashier does at one POS: ring up a sale, void one by its trace number with the void password
// (checked at the terminal, then authorised by the acquirer), settle the batch, change the password, check
// in. A line in, the text to print out: no TTY needed to test it.

export type Lang = 'en' | 'zh';

/** What to print after a line, and how to read the next one. */
export interface CashierReply {
  /** Empty for nothing to print. Never a PIN, verifier, key or activation code. */
  text: string;
  prompt: string;
  /** The next line is a PIN: read it without echo, and keep it out of the history. */
  secret: boolean;
  quit: boolean;
}

/** What the cashier uses of the fleet. */
export type CashierFleet = Pick<
  Fleet,
  'members' | 'activity' | 'checkInNow' | 'checkPin' | 'changePin' | 'sell' | 'voidSale' | 'settle'
>;

/** What a cashier types after `sale AMOUNT`, and the method it means. */
const METHOD_WORDS: Record<string, SaleInput['method']> = {
  card: 'card_chip',
  chip: 'card_chip',
  tap: 'card_contactless',
  swipe: 'card_swipe',
  wechat: 'wechat_qr',
  alipay: 'alipay_qr',
  unionpay: 'unionpay_qr',
};
const AMOUNT = /^\d{1,7}(?:\.\d{1,2})?$/;

function yuan(fen: number): string {
  return `¥${(fen / 100).toFixed(2)}`;
}

export interface CashierOptions {
  fleet: CashierFleet;
  tid: string;
  lang?: Lang;
  now?: () => number;
  /** For the times printed (HH:MM); the host's by default. */
  timeZone?: string;
}

const LOCK_MINUTES = PIN_LOCK_MS / 60_000;

type Fmt = (at: number | string) => string;

// The one table of what is printed. Chinese as on a POS and as the dashboard says it: 撤销消费密码 (主管密码),
// 凭证号, 与平台通信 for a check-in (签到 is the cashier's sign-on, and the dashboard never says 联网).
const en = {
  colon: ': ',
  prompt: (tid: string) => `${tid}> `,
  pinPrompt: 'Void password: ',
  currentPinPrompt: 'Current void password: ',
  newPinPrompt: 'New void password: ',
  repeatPinPrompt: 'New void password again: ',
  help: [
    'Commands:',
    '  status            what this terminal knows: activation, check-ins, batch, void password, commands',
    '  sale <amount> [card|tap|swipe|wechat|alipay|unionpay]',
    '                    ring up a sale in yuan, e.g. sale 88.00 card (card by default)',
    '  sales             the sales and voids of the open batch',
    '  void <trace no.>  void a sale of the open batch: asks for the void password (the supervisor PIN)',
    '  settle            settle the open batch now (结算), before its cutoff',
    '  pin               change the void password: the current one, then the new one twice',
    '  checkin           check in with the acquirer now',
    '  help              this list',
    '  quit              stop (also Ctrl-D or Ctrl-C)',
    'PINs are not shown as you type them; an empty entry cancels.',
  ].join('\n'),
  unknownCommand: 'Unknown command; type help for the list.',
  voidUsage: 'Type void and the 6-digit trace number of the sale, e.g. void 000123.',
  cancelled: 'Cancelled.',
  saleUsage:
    'Type sale, the amount in yuan and how the customer pays, e.g. sale 88.00 card (or tap, swipe, wechat, alipay, unionpay).',
  noBatch: 'The acquirer has not said which batch is open yet: check in first (checkin).',
  method: {
    card_chip: 'chip card',
    card_contactless: 'contactless card',
    card_swipe: 'swiped card',
    wechat_qr: 'WeChat Pay',
    alipay_qr: 'Alipay',
    unionpay_qr: 'UnionPay QR',
  } satisfies Record<SaleInput['method'], string>,
  saleApproved: (sale: JournalEntry, method: string) =>
    `Sale approved: trace no. ${sale.traceNo}, ${yuan(sale.amount)}, ${method}${sale.cardLast4 ? ` ****${sale.cardLast4}` : ''}.`,
  saleStored: (sale: JournalEntry) =>
    `Sale ${sale.traceNo} (${yuan(sale.amount)}) is kept at the terminal: the acquirer did not answer. It is sent again at the next check-in.`,
  saleRefused: (answer: string) => `The acquirer refused the sale. Its answer: ${answer}`,
  noSuchSale: (trace: string) => `No sale with trace no. ${trace} in the open batch (see sales).`,
  alreadyVoided: (trace: string) => `Sale ${trace} is voided already.`,
  voided: (entry: JournalEntry, sale: JournalEntry) =>
    `Void approved: sale ${sale.traceNo} (${yuan(sale.amount)}) is voided; the void's trace no. is ${entry.traceNo}.`,
  voidRefused: (words: string, code: string) => `The acquirer refused the void: ${words} (${code}).`,
  voidReason: {
    settled: 'the sale is settled; refund it instead',
    past_cutoff: 'the sale’s batch is past its cutoff; refund it instead',
    already_voided: 'the sale was voided already',
    qr_refund_only: 'a QR payment cannot be voided; refund it instead',
    d0_payout_refund_only: 'this merchant is paid out the same day (D0); refund it instead',
    not_approved: 'the sale was not approved',
    is_void: 'a void cannot be voided',
    partial_amount: 'a void is for the full amount',
    original_not_found: 'the acquirer does not know the sale',
    not_a_void: 'the request was not a void',
  } satisfies Record<VoidRefusalReason, string>,
  voidUnreachable: (reason: string) =>
    `The acquirer did not answer (${reason}): the sale is not voided. A void is never sent later; try again.`,
  settled: (batchNo: string, early: boolean, balanced: boolean, totals: string, next: string) =>
    `Batch ${batchNo} settled${early ? ' before its cutoff' : ''}: ${totals}. ${balanced ? 'The terminal and the acquirer agree.' : 'The terminal and the acquirer do NOT agree: call the acquirer.'} Batch ${next} is open.`,
  totals: (sales: number, salesFen: number, voids: number, voidsFen: number) =>
    `${sales} sale${sales === 1 ? '' : 's'} ${yuan(salesFen)}, ${voids} void${voids === 1 ? '' : 's'} ${yuan(voidsFen)}`,
  settleFailed: (what: string) => `The settlement failed: ${what}. The batch stays open.`,
  salesHeader: (batchNo: string) => `Batch ${batchNo}:`,
  noSales: 'No sales in the open batch yet.',
  salesLine: (e: JournalEntry, time: string, method: string, state: string) =>
    `  ${e.traceNo}  ${time}  ${e.type === 'void' ? `void of ${e.original?.traceNo ?? ''}` : 'sale'}  ${yuan(e.amount)}  ${method}${state ? `  ${state}` : ''}`,
  entryState: { voided: 'voided', pending: 'not yet uploaded', refused: 'refused' },
  wrongPin: (left: number) => `Wrong void password, ${left} attempt${left === 1 ? '' : 's'} left.`,
  lockedNow: (until: string) =>
    `Wrong void password. Locked for ${LOCK_MINUTES} minutes, until ${until}, after ${MAX_CONSECUTIVE_WRONG_PINS} wrong in a row.`,
  lockedAlready: (until: string) =>
    `Voids are locked until ${until} after ${MAX_CONSECUTIVE_WRONG_PINS} wrong void passwords in a row.`,
  mustChange: 'This void password is temporary and must be changed at its first use: choose a new one.',
  rulesBroken: (rules: string) => `The new void password breaks the rules: ${rules}. Nothing was changed.`,
  rule: {
    length: 'it must be exactly 6 digits',
    digits: 'digits only',
    same_digit: 'not one digit repeated',
    sequence: 'not a run of digits up or down',
    common: 'not a common, easily guessed PIN',
    factory_default: 'not the factory default',
  } satisfies Record<VoidPasswordRule, string>,
  ruleSeparator: '; ',
  mismatch: 'The two entries differ. Nothing was changed.',
  notActivatedForPin:
    'This terminal is not activated: the void password cannot be changed without the acquirer.',
  accepted: (at: string, firstUse: boolean) =>
    `The acquirer accepted the new void password at ${at}${firstUse ? '; it replaces the temporary one' : ''}. The terminal uses it from now on.`,
  refusedByAcquirer: (words: string, answer: string) =>
    `The acquirer refused the new void password: ${words}. Nothing was changed.\nIts answer: ${answer}`,
  acquirerPinCode: {
    'pin.reused': 'it is one of the last three void passwords',
    'pin.too_simple': 'it is too simple',
    'pin.format': 'it is not 6 digits',
    'pin.default': 'it is the factory default',
    'pin.locked': 'the void password is locked at the acquirer',
  } as Record<string, string>,
  refusedOther: 'it did not take the change',
  unreachable: (reason: string) =>
    `The acquirer did not answer (${reason}); the void password is unchanged here. ` +
    'If the answer only timed out, the acquirer may have taken it: choose another new PIN next time.',
  unavailable: {
    unknown_terminal: 'This terminal is not in this session.',
    not_activated: 'This terminal is not activated.',
    halted: 'This terminal has stopped talking to the acquirer in this session.',
    stopped: 'The terminal is stopping.',
    no_batch: 'The acquirer has not said which batch is open yet: check in first (checkin).',
  },
  sentence: (phrase: string) => `${phrase.charAt(0).toUpperCase()}${phrase.slice(1)}.`,
  halted: {
    not_activated: 'not activated, and no activation code for it (--codes FILE)',
    revoked: 'stopped: the acquirer revoked its key; it needs a new activation code',
    refused: 'stopped: the acquirer refused it for good (see status)',
  } satisfies Record<HaltReason, string>,
  request: {
    activate: 'activation',
    check_in: 'check-in',
    ack: 'acknowledgement',
    void_password: 'PIN change',
    upload: 'upload',
    settle: 'settlement',
  } satisfies Record<RequestFailure['request'], string>,
  failure: (request: string, what: string) => `The ${request} failed: ${what}.`,
  noAnswer: (reason: string) => `the acquirer did not answer (${reason})`,
  refusal: (status: number, code: string | null, reason: string | null) =>
    `the acquirer refused it (HTTP ${status}${code ? ` ${code}` : ''}${reason ? `: ${reason}` : ''})`,
  checkedIn: (at: string, next: number) => `Checked in at ${at}; next check-in in ${next} s.`,
  wrongReported: (count: number) => `Reported ${count} wrong void password${count === 1 ? '' : 's'}.`,
  noCommand: 'No command.',
  command: {
    applied: (id: string, temporary: boolean) =>
      temporary
        ? `The acquirer set a new void password (${id}): temporary, it must be changed at its first use.`
        : `The acquirer set a new void password (${id}).`,
    withdrawn: (id: string) =>
      `Command ${id} was withdrawn at the acquirer; the void password before it is back.`,
    failed: (id: string, reason: string) =>
      `Command ${id} could not be applied (${reason === 'expired' ? 'expired' : 'unusable verifier'}); reported as failed.`,
    unanswered: (id: string) =>
      `Command ${id} is applied; its acknowledgement goes again at the next check-in.`,
    firmware: (id: string, version: string) =>
      `Firmware updated to ${version} (${id}); the next check-in reports it.`,
    firmwareFailed: (id: string) => `Firmware update ${id} arrived too late (expired); reported as failed.`,
  },
  activatedNotice: (keyId: string) => `Activated with the acquirer (key ${keyId}).`,
  lostContact: (what: string) => `No contact with the acquirer: ${what}. The terminal keeps trying.`,
  backInContact: 'In contact with the acquirer again.',
  saveFailed: 'Could not save the state file; changes since may be lost at a restart.',
  status: {
    terminal: 'Terminal',
    merchant: (tid: string, mid: string | null) => (mid ? `${tid}, merchant ${mid}` : tid),
    activated: 'Activated',
    activatedYes: (keyId: string, at: string | null) => `yes, key ${keyId}${at ? `, since ${at}` : ''}`,
    activatedRevoked: 'its key was revoked; it needs a new activation code',
    activatedNo: 'not yet',
    firmware: 'Firmware',
    checkIns: 'Check-ins',
    every: (seconds: number) => `every ${seconds} s`,
    last: (at: string) => `last at ${at}`,
    noneYet: 'none answered yet in this session',
    next: (at: string) => `next expected at ${at}`,
    underWay: 'one under way',
    voidPassword: 'Void password',
    factoryDefault: 'factory default (a risk until changed)',
    temporary: 'temporary: must be changed at its first use',
    custom: 'set by the merchant',
    batch: 'Batch',
    batchOpen: (batchNo: string, closesAt: string, totals: string) =>
      `${batchNo}, closes at ${closesAt}; ${totals}`,
    noBatch: 'not known yet (check in)',
    voids: 'Voids',
    open: 'open',
    lockedUntil: (until: string) => `locked until ${until}`,
    wrongInRow: (count: number) =>
      `open; ${count} wrong in a row (the ${MAX_CONSECUTIVE_WRONG_PINS}th locks for ${LOCK_MINUTES} minutes)`,
    wrongPins: 'Wrong PINs',
    wrongSince: (count: number) => `${count} since the last check-in (reported at the next one)`,
    commands: 'Commands',
    waitingAck: (id: string) => `${id} applied, waiting for the acquirer to answer its acknowledgement`,
    lastCommand: (report: CommandReport, at: string) =>
      report.result === 'applied'
        ? `${report.id} applied at ${at}${report.temporary ? ' (a temporary PIN)' : ''}`
        : report.result === 'withdrawn'
          ? `${report.id} withdrawn at ${at}; the PIN before it is back`
          : `${report.id} could not be applied (${report.reason ?? 'failed'}) at ${at}`,
    noCommand: 'none in this session',
    problem: 'Last problem',
    problemAt: (at: string, what: string) => `at ${at}, ${what}`,
    separator: '; ',
  },
};

type Messages = typeof en;

const zh: Messages = {
  colon: '：',
  prompt: (tid) => `${tid}> `,
  pinPrompt: '撤销消费密码：',
  currentPinPrompt: '当前撤销消费密码：',
  newPinPrompt: '新撤销消费密码：',
  repeatPinPrompt: '再次输入新密码：',
  help: [
    '命令：',
    '  status          本终端的状态：激活、与平台通信、批次、撤销消费密码、指令',
    '  sale <金额> [card|tap|swipe|wechat|alipay|unionpay]',
    '                  消费，金额以元计，例如 sale 88.00 card（默认刷芯片卡）',
    '  sales           当前批次的消费与撤销',
    '  void <凭证号>   撤销当前批次的一笔消费：需输入撤销消费密码（即主管密码）',
    '  settle          立即结算当前批次（日切前结算）',
    '  pin             修改撤销消费密码：先输入当前密码，再输入两次新密码',
    '  checkin         立即与平台通信',
    '  help            显示本列表',
    '  quit            退出（也可按 Ctrl-D 或 Ctrl-C）',
    '输入密码时不显示；直接回车即取消。',
  ].join('\n'),
  unknownCommand: '无此命令，输入 help 查看命令列表。',
  voidUsage: '请输入 void 加原消费的 6 位凭证号，例如 void 000123。',
  cancelled: '已取消。',
  saleUsage:
    '请输入 sale、金额（元）和支付方式，例如 sale 88.00 card（或 tap、swipe、wechat、alipay、unionpay）。',
  noBatch: '收单机构尚未告知当前批次：请先与平台通信（checkin）。',
  method: {
    card_chip: '芯片卡',
    card_contactless: '挥卡',
    card_swipe: '磁条卡',
    wechat_qr: '微信支付',
    alipay_qr: '支付宝',
    unionpay_qr: '银联二维码',
  },
  saleApproved: (sale, method) =>
    `消费成功：凭证号 ${sale.traceNo}，${yuan(sale.amount)}，${method}${sale.cardLast4 ? ` ****${sale.cardLast4}` : ''}。`,
  saleStored: (sale) =>
    `凭证号 ${sale.traceNo}（${yuan(sale.amount)}）暂存于终端：收单机构无应答，将在下次与平台通信时重新上送。`,
  saleRefused: (answer) => `收单机构拒绝了此笔消费。应答：${answer}`,
  noSuchSale: (trace) => `当前批次中没有凭证号为 ${trace} 的消费（见 sales）。`,
  alreadyVoided: (trace) => `凭证号 ${trace} 的消费已撤销。`,
  voided: (entry, sale) =>
    `撤销成功：凭证号 ${sale.traceNo}（${yuan(sale.amount)}）的消费已撤销，撤销凭证号 ${entry.traceNo}。`,
  voidRefused: (words, code) => `收单机构拒绝撤销：${words}（${code}）。`,
  voidReason: {
    settled: '该笔消费已结算，请改为退货',
    past_cutoff: '该笔消费所在批次已过日切，请改为退货',
    already_voided: '该笔消费已撤销',
    qr_refund_only: '扫码支付不能撤销，请改为退货',
    d0_payout_refund_only: '本商户为 D0 当日到账，请改为退货',
    not_approved: '该笔消费未成功',
    is_void: '撤销交易不能再撤销',
    partial_amount: '撤销须为全额',
    original_not_found: '收单机构没有这笔消费',
    not_a_void: '该请求不是撤销',
  },
  voidUnreachable: (reason) => `收单机构无应答（${reason}）：消费未撤销。撤销不会稍后补发，请重试。`,
  settled: (batchNo, early, balanced, totals, next) =>
    `批次 ${batchNo} 已结算${early ? '（日切前）' : ''}：${totals}。${balanced ? '对账平。' : '对账不平：请联系收单机构。'}当前批次 ${next}。`,
  totals: (sales, salesFen, voids, voidsFen) =>
    `消费 ${sales} 笔 ${yuan(salesFen)}，撤销 ${voids} 笔 ${yuan(voidsFen)}`,
  settleFailed: (what) => `结算失败：${what}。批次仍未关闭。`,
  salesHeader: (batchNo) => `批次 ${batchNo}：`,
  noSales: '当前批次尚无消费。',
  salesLine: (e, time, method, state) =>
    `  ${e.traceNo}  ${time}  ${e.type === 'void' ? `撤销 ${e.original?.traceNo ?? ''}` : '消费'}  ${yuan(e.amount)}  ${method}${state ? `  ${state}` : ''}`,
  entryState: { voided: '已撤销', pending: '未上送', refused: '被拒绝' },
  wrongPin: (left) => `撤销消费密码错误，还可尝试 ${left} 次。`,
  lockedNow: (until) =>
    `撤销消费密码错误。已连续输错 ${MAX_CONSECUTIVE_WRONG_PINS} 次，锁定 ${LOCK_MINUTES} 分钟，至 ${until}。`,
  lockedAlready: (until) =>
    `撤销消费密码已连续输错 ${MAX_CONSECUTIVE_WRONG_PINS} 次，撤销功能锁定至 ${until}。`,
  mustChange: '当前为临时撤销消费密码，首次使用须修改：请设置新密码。',
  rulesBroken: (rules) => `新密码不符合规则：${rules}。密码未修改。`,
  rule: {
    length: '必须正好 6 位',
    digits: '只能是数字',
    same_digit: '不能是同一数字重复',
    sequence: '不能是顺增或顺减的连续数字',
    common: '不能是常见、易猜的密码',
    factory_default: '不能是出厂默认密码',
  },
  ruleSeparator: '；',
  mismatch: '两次输入的新密码不一致。密码未修改。',
  notActivatedForPin: '本终端尚未激活：无法通过收单机构修改撤销消费密码。',
  accepted: (at, firstUse) =>
    `收单机构已于 ${at} 接受新的撤销消费密码${firstUse ? '，临时密码已失效' : ''}。终端即刻启用新密码。`,
  refusedByAcquirer: (words, answer) => `收单机构拒绝了新密码：${words}。密码未修改。\n应答：${answer}`,
  acquirerPinCode: {
    'pin.reused': '与最近三次使用过的密码相同',
    'pin.too_simple': '密码过于简单',
    'pin.format': '不是 6 位数字',
    'pin.default': '是出厂默认密码',
    'pin.locked': '撤销消费密码在收单机构处已锁定',
  },
  refusedOther: '未接受此次修改',
  unreachable: (reason) =>
    `收单机构无应答（${reason}）；本终端的撤销消费密码未变。` +
    '若只是应答超时，收单机构可能已接受该密码：下次请另选一个新密码。',
  unavailable: {
    unknown_terminal: '本次会话中没有这台终端。',
    not_activated: '本终端尚未激活。',
    halted: '本终端在本次会话中已停止与收单机构通信。',
    stopped: '终端正在退出。',
    no_batch: '收单机构尚未告知当前批次：请先与平台通信（checkin）。',
  },
  sentence: (phrase) => `${phrase}。`,
  halted: {
    not_activated: '未激活，且没有它的激活码（--codes FILE）',
    revoked: '已停止：收单机构已吊销其密钥，需要新的激活码',
    refused: '已停止：收单机构已永久拒绝（见 status）',
  },
  request: {
    activate: '激活',
    check_in: '与平台通信',
    ack: '指令回执',
    void_password: '修改密码',
    upload: '交易上送',
    settle: '结算',
  },
  failure: (request, what) => `${request}失败：${what}。`,
  noAnswer: (reason) => `收单机构无应答（${reason}）`,
  refusal: (status, code, reason) =>
    `收单机构拒绝（HTTP ${status}${code ? ` ${code}` : ''}${reason ? `：${reason}` : ''}）`,
  checkedIn: (at, next) => `已于 ${at} 与平台通信；${next} 秒后再次通信。`,
  wrongReported: (count) => `已上报 ${count} 次撤销消费密码错误。`,
  noCommand: '无指令。',
  command: {
    applied: (id, temporary) =>
      temporary
        ? `收单机构设置了新的撤销消费密码（${id}）：为临时密码，首次使用须修改。`
        : `收单机构设置了新的撤销消费密码（${id}）。`,
    withdrawn: (id) => `指令 ${id} 已在收单机构撤回；恢复此前的撤销消费密码。`,
    failed: (id, reason) =>
      `指令 ${id} 无法执行（${reason === 'expired' ? '已过期' : '校验数据无效'}）；已回报失败。`,
    unanswered: (id) => `指令 ${id} 已执行；回执将在下次与平台通信时重发。`,
    firmware: (id, version) => `固件已升级至 ${version}（${id}）；下次与平台通信时上报。`,
    firmwareFailed: (id) => `固件升级 ${id} 已过期，未安装；已回报失败。`,
  },
  activatedNotice: (keyId) => `已在收单机构激活（密钥 ${keyId}）。`,
  lostContact: (what) => `与收单机构失去联系：${what}。终端会继续重试。`,
  backInContact: '已恢复与收单机构的联系。',
  saveFailed: '无法保存状态文件；此后的变更在重启后可能丢失。',
  status: {
    terminal: '终端',
    merchant: (tid, mid) => (mid ? `${tid}，商户 ${mid}` : tid),
    activated: '激活',
    activatedYes: (keyId, at) => `已激活，密钥 ${keyId}${at ? `，激活于 ${at}` : ''}`,
    activatedRevoked: '密钥已被吊销，需要新的激活码',
    activatedNo: '尚未激活',
    firmware: '固件',
    checkIns: '与平台通信',
    every: (seconds) => `每 ${seconds} 秒`,
    last: (at) => `上次 ${at}`,
    noneYet: '本次会话尚未与平台通信成功',
    next: (at) => `预计下次 ${at}`,
    underWay: '正在与平台通信',
    voidPassword: '撤销消费密码',
    factoryDefault: '出厂默认（修改前存在风险）',
    temporary: '临时密码：首次使用须修改',
    custom: '商户自设',
    batch: '批次',
    batchOpen: (batchNo, closesAt, totals) => `${batchNo}，${closesAt} 日切；${totals}`,
    noBatch: '尚不知道（请先与平台通信）',
    voids: '撤销功能',
    open: '可用',
    lockedUntil: (until) => `锁定至 ${until}`,
    wrongInRow: (count) =>
      `可用；已连续输错 ${count} 次（第 ${MAX_CONSECUTIVE_WRONG_PINS} 次将锁定 ${LOCK_MINUTES} 分钟）`,
    wrongPins: '密码错误次数',
    wrongSince: (count) => `上次与平台通信以来 ${count} 次（下次通信时上报）`,
    commands: '指令',
    waitingAck: (id) => `${id} 已执行，等待收单机构确认回执`,
    lastCommand: (report, at) =>
      report.result === 'applied'
        ? `${report.id} 已于 ${at} 执行${report.temporary ? '（临时密码）' : ''}`
        : report.result === 'withdrawn'
          ? `${report.id} 已于 ${at} 撤回；恢复此前的密码`
          : `${report.id} 于 ${at} 无法执行（${report.reason ?? '失败'}）`,
    noCommand: '本次会话无指令',
    problem: '最近的问题',
    problemAt: (at, what) => `${at}，${what}`,
    separator: '；',
  },
};

export const MESSAGES: Record<Lang, Messages> = { en, zh };

type Pending =
  /** `void`: the PIN for the sale `trace`. */
  | { step: 'void_pin'; trace: string }
  /** `pin`: the current PIN. */
  | { step: 'current_pin' }
  /** The new PIN; `trace` when it replaces a temporary one in the middle of a void. */
  | { step: 'new_pin'; current: string; trace: string | null }
  | { step: 'repeat_pin'; current: string; first: string; trace: string | null };

const TRACE = /^\d{1,6}$/;

/** Every PIN typed in an operation, replaced by dots wherever a text would quote it. */
function scrub(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length > 0) out = out.split(secret).join('•'.repeat([...secret].length));
  }
  return out;
}

export class Cashier {
  readonly #fleet: CashierFleet;
  readonly #terminal: TerminalState;
  readonly #m: Messages;
  readonly #now: () => number;
  readonly #time: Fmt;
  readonly #minutes: Fmt;
  readonly #dateTime: Fmt;
  #pending: Pending | null = null;
  /** While `checkin` runs, its own answer says what came back: the background notices would repeat it. */
  #quiet = false;
  #outOfContact = false;

  constructor(options: CashierOptions) {
    const member = options.fleet.members.find((candidate) => candidate.terminal.tid === options.tid);
    if (!member) throw new RangeError(`No terminal ${options.tid} in this fleet.`);
    this.#fleet = options.fleet;
    this.#terminal = member.terminal;
    const lang = options.lang ?? 'en';
    this.#m = MESSAGES[lang];
    this.#now = options.now ?? Date.now;
    const locale = lang === 'zh' ? 'zh-CN' : 'en-GB';
    const formatter = (parts: Intl.DateTimeFormatOptions): Fmt => {
      const format = new Intl.DateTimeFormat(locale, {
        hourCycle: 'h23',
        timeZone: options.timeZone,
        ...parts,
      });
      return (at) => format.format(new Date(at));
    };
    this.#time = formatter({ hour: '2-digit', minute: '2-digit', second: '2-digit' });
    this.#minutes = formatter({ hour: '2-digit', minute: '2-digit' });
    this.#dateTime = formatter({ dateStyle: 'medium', timeStyle: 'short' });
  }

  get tid(): string {
    return this.#terminal.tid;
  }

  /** What to show before the first line. */
  start(): CashierReply {
    return this.#reply('');
  }

  /** One line typed: a command, or the PIN a command asked for. */
  async handle(line: string): Promise<CashierReply> {
    const pending = this.#pending;
    if (pending) {
      this.#pending = null;
      const secrets = [line];
      if (pending.step === 'new_pin' || pending.step === 'repeat_pin') secrets.push(pending.current);
      if (pending.step === 'repeat_pin') secrets.push(pending.first);
      const text = line === '' ? this.#m.cancelled : await this.#continue(pending, line);
      return this.#reply(scrub(text, secrets));
    }
    const [command = '', ...args] = line.trim().split(/\s+/);
    switch (command.toLowerCase()) {
      case '':
        return this.#reply('');
      case 'help':
      case '?':
        return this.#reply(this.#m.help);
      case 'status':
        return this.#reply(this.status());
      case 'void':
        return this.#reply(this.#startVoid(args));
      case 'sale':
        return this.#reply(await this.#sale(args));
      case 'sales':
        return this.#reply(this.#salesList());
      case 'settle':
        return this.#reply(await this.#settle());
      case 'pin':
        return this.#reply(this.#startPinChange());
      case 'checkin':
      case 'check-in':
        return this.#reply(await this.#checkIn());
      case 'quit':
      case 'exit':
        return { ...this.#reply(''), quit: true };
      default:
        // Not quoted: it may be a PIN typed where none was asked for.
        return this.#reply(this.#m.unknownCommand);
    }
  }

  /** A line of the fleet's log in words, for the person at the terminal; null for none worth showing. */
  notice(line: FleetLogLine): string | null {
    if (line.tid !== undefined && line.tid !== this.tid) return null;
    const m = this.#m;
    let text: string | null = null;
    switch (line.event) {
      case 'activated':
        text = m.activatedNotice(String(line.keyId));
        break;
      case 'command_applied':
        text = m.command.applied(String(line.commandId), line.temporary === true);
        break;
      case 'firmware_updated':
        text = m.command.firmware(String(line.commandId), String(line.version));
        break;
      case 'command_withdrawn':
        text = m.command.withdrawn(String(line.commandId));
        break;
      case 'command_failed':
        text = m.command.failed(String(line.commandId), String(line.reason));
        break;
      case 'not_activated':
      case 'revoked':
      case 'refused':
        text = m.sentence(m.halted[line.event]);
        break;
      case 'request_failed':
        // Once when contact is lost, not at every retry; a failed PIN change is answered where it was asked.
        if (line.request !== 'void_password' && !this.#outOfContact) {
          this.#outOfContact = true;
          text = m.lostContact(
            this.#failureWords({
              status: typeof line.status === 'number' ? line.status : null,
              code: typeof line.code === 'string' ? line.code : null,
              reason: typeof line.reason === 'string' ? line.reason : null,
            }),
          );
        }
        break;
      case 'checked_in':
        if (this.#outOfContact) {
          this.#outOfContact = false;
          text = m.backInContact;
        }
        break;
      case 'state_save_failed':
        text = m.saveFailed;
        break;
    }
    return this.#quiet ? null : text;
  }

  /** What the terminal knows of itself. */
  status(): string {
    const m = this.#m;
    const s = m.status;
    const terminal = this.#terminal;
    const activity = this.#fleet.activity(this.tid);
    const now = this.#now();
    const rows: [string, string][] = [[s.terminal, s.merchant(terminal.tid, terminal.merchantId)]];

    rows.push([
      s.activated,
      terminal.keyId !== null
        ? s.activatedYes(
            terminal.keyId,
            terminal.activatedAt === null ? null : this.#dateTime(terminal.activatedAt),
          )
        : terminal.activatedAt !== null
          ? s.activatedRevoked
          : s.activatedNo,
    ]);
    rows.push([
      s.firmware,
      terminal.appVersion ? `${terminal.firmware}, ${terminal.appVersion}` : terminal.firmware,
    ]);

    const checkIns = [s.every(terminal.checkInIntervalSeconds)];
    checkIns.push(activity?.lastCheckInAt ? s.last(this.#time(activity.lastCheckInAt)) : s.noneYet);
    if (activity?.halted) checkIns.push(m.halted[activity.halted]);
    else if (activity?.nextCheckInAt != null) checkIns.push(s.next(this.#time(activity.nextCheckInAt)));
    else checkIns.push(s.underWay);
    rows.push([s.checkIns, checkIns.join(s.separator)]);

    rows.push([
      s.voidPassword,
      terminal.factoryDefault ? s.factoryDefault : terminal.temporary ? s.temporary : s.custom,
    ]);
    const batch = terminal.batch;
    if (batch) {
      const totals = terminal.totals(batch.batchNo);
      rows.push([
        s.batch,
        s.batchOpen(
          batch.batchNo,
          this.#minutes(batch.closesAt),
          m.totals(totals.sales.count, totals.sales.amount, totals.voids.count, totals.voids.amount),
        ),
      ]);
    } else rows.push([s.batch, s.noBatch]);
    const lockedUntil = terminal.lockedUntil;
    rows.push([
      s.voids,
      lockedUntil !== null && now < lockedUntil
        ? s.lockedUntil(this.#minutes(lockedUntil))
        : terminal.consecutiveWrongPins > 0 && lockedUntil === null
          ? s.wrongInRow(terminal.consecutiveWrongPins)
          : s.open,
    ]);
    rows.push([s.wrongPins, s.wrongSince(terminal.wrongPinsSinceCheckIn)]);

    const commands: string[] = [];
    const waiting = terminal.unconfirmedCommandId;
    if (waiting !== null) commands.push(s.waitingAck(waiting));
    const last = activity?.lastCommand;
    if (last && last.id !== waiting) commands.push(s.lastCommand(last, this.#time(last.at)));
    rows.push([s.commands, commands.length > 0 ? commands.join(s.separator) : s.noCommand]);

    const problem = activity?.lastFailure;
    if (problem) {
      rows.push([
        s.problem,
        s.problemAt(this.#time(problem.at), `${m.request[problem.request]}: ${this.#failureWords(problem)}`),
      ]);
    }
    return rows.map(([label, value]) => `${label}${m.colon}${value}`).join('\n');
  }

  #reply(text: string): CashierReply {
    const m = this.#m;
    const pending = this.#pending;
    const prompt =
      pending === null
        ? m.prompt(this.tid)
        : pending.step === 'void_pin'
          ? m.pinPrompt
          : pending.step === 'current_pin'
            ? m.currentPinPrompt
            : pending.step === 'new_pin'
              ? m.newPinPrompt
              : m.repeatPinPrompt;
    return { text, prompt, secret: pending !== null, quit: false };
  }

  /** Null when voids are open; otherwise what to say. */
  #locked(): string | null {
    const until = this.#terminal.lockedUntil;
    return until !== null && this.#now() < until ? this.#m.lockedAlready(this.#minutes(until)) : null;
  }

  #startVoid(args: string[]): string {
    const [typed] = args;
    if (args.length !== 1 || typed === undefined || !TRACE.test(typed)) return this.#m.voidUsage;
    if (this.#terminal.batch === null) return this.#m.noBatch;
    const trace = typed.padStart(6, '0');
    // The sale first, as a POS shows it before it asks for the supervisor's PIN.
    const sale = this.#terminal.sale(trace);
    if (!sale || sale.upload === 'refused') return this.#m.noSuchSale(trace);
    if (sale.voided) return this.#m.alreadyVoided(trace);
    const locked = this.#locked();
    if (locked) return locked;
    this.#pending = { step: 'void_pin', trace };
    return '';
  }

  async #sale(args: string[]): Promise<string> {
    const m = this.#m;
    const [amount, word = 'card'] = args;
    const method = METHOD_WORDS[word.toLowerCase()];
    if (args.length < 1 || args.length > 2 || amount === undefined || !AMOUNT.test(amount) || !method) {
      return m.saleUsage;
    }
    const fen = Math.round(Number(amount) * 100);
    if (fen < 1) return m.saleUsage;
    return this.#saleText(await this.#fleet.sell(this.tid, { amount: fen, method }));
  }

  #saleText(result: SaleResult): string {
    const m = this.#m;
    switch (result.outcome) {
      case 'accepted':
      case 'duplicate':
        return m.saleApproved(result.sale, m.method[result.sale.method]);
      case 'stored':
        return m.saleStored(result.sale);
      case 'refused':
        return m.saleRefused(this.#answer(result));
      case 'unavailable':
        return m.unavailable[result.why];
    }
  }

  #answer(result: { status: number; code: string | null; detail: string | null }): string {
    return `HTTP ${result.status}${result.code ? ` ${result.code}` : ''}${result.detail ? ` — ${result.detail}` : ''}`;
  }

  #voidText(result: VoidResult, now: number, lockedBefore: number | null): string {
    const m = this.#m;
    switch (result.outcome) {
      case 'voided':
        return m.voided(result.void, result.sale);
      case 'not_found':
        return m.noSuchSale(result.traceNo);
      case 'already_voided':
        return m.alreadyVoided(result.sale.traceNo);
      case 'pin':
        switch (result.check) {
          case 'wrong':
            return m.wrongPin(MAX_CONSECUTIVE_WRONG_PINS - this.#terminal.consecutiveWrongPins);
          case 'locked': {
            const until = result.lockedUntil ?? now + PIN_LOCK_MS;
            const justNow = lockedBefore === null || lockedBefore <= now;
            return justNow ? m.lockedNow(this.#minutes(until)) : m.lockedAlready(this.#minutes(until));
          }
          case 'must_change':
            return m.mustChange;
        }
        break;
      case 'refused': {
        const reason = result.code?.startsWith('void.') ? (result.code.slice(5) as VoidRefusalReason) : null;
        const words = reason && reason in m.voidReason ? m.voidReason[reason] : this.#answer(result);
        return m.voidRefused(words, result.code ?? `HTTP ${result.status}`);
      }
      case 'unreachable':
        return m.voidUnreachable(result.reason);
      case 'unavailable':
        return m.unavailable[result.why];
    }
  }

  async #settle(): Promise<string> {
    return this.#settleText(await this.#fleet.settle(this.tid));
  }

  #settleText(result: SettleResult): string {
    const m = this.#m;
    switch (result.outcome) {
      case 'settled': {
        const { sales, voids } = result.answer.acquirer;
        const a = result.answer;
        return m.settled(
          a.batchNo,
          a.early,
          a.balanced,
          m.totals(sales.count, sales.amount, voids.count, voids.amount),
          a.batch.batchNo,
        );
      }
      case 'refused':
        return m.settleFailed(this.#failureWords({ ...result, reason: result.detail }));
      case 'unreachable':
        return m.settleFailed(this.#failureWords({ status: null, code: null, reason: result.reason }));
      case 'unavailable':
        return m.unavailable[result.why];
    }
  }

  #salesList(): string {
    const m = this.#m;
    const batch = this.#terminal.batch;
    if (!batch) return m.noBatch;
    const entries = this.#terminal.journal.filter((entry) => entry.batchNo === batch.batchNo);
    if (entries.length === 0) return m.noSales;
    const lines = entries.map((entry) => {
      const state =
        entry.upload !== 'uploaded' ? m.entryState[entry.upload] : entry.voided ? m.entryState.voided : '';
      return m.salesLine(entry, this.#minutes(entry.at), m.method[entry.method], state);
    });
    return [m.salesHeader(batch.batchNo), ...lines].join('\n');
  }

  #startPinChange(): string {
    if (this.#terminal.privateKeyPem === null) return this.#m.notActivatedForPin;
    const locked = this.#locked();
    if (locked) return locked;
    this.#pending = { step: 'current_pin' };
    return '';
  }

  async #continue(pending: Pending, line: string): Promise<string> {
    const m = this.#m;
    switch (pending.step) {
      case 'void_pin': {
        const now = this.#now();
        const lockedBefore = this.#terminal.lockedUntil;
        const result = await this.#fleet.voidSale(this.tid, pending.trace, line);
        if (result.outcome === 'pin' && result.check === 'must_change') {
          this.#pending = { step: 'new_pin', current: line, trace: pending.trace };
        }
        return this.#voidText(result, now, lockedBefore);
      }
      case 'current_pin': {
        const trace = null;
        const now = this.#now();
        const lockedBefore = this.#terminal.lockedUntil;
        const check = await this.#fleet.checkPin(this.tid, line, now);
        switch (check) {
          case 'wrong':
            return m.wrongPin(MAX_CONSECUTIVE_WRONG_PINS - this.#terminal.consecutiveWrongPins);
          case 'locked': {
            const until = this.#terminal.lockedUntil ?? now + PIN_LOCK_MS;
            const justNow = lockedBefore === null || lockedBefore <= now;
            return justNow ? m.lockedNow(this.#minutes(until)) : m.lockedAlready(this.#minutes(until));
          }
          case 'ok':
            this.#pending = { step: 'new_pin', current: line, trace };
            return '';
          case 'must_change':
            this.#pending = { step: 'new_pin', current: line, trace };
            return m.mustChange;
        }
        break;
      }
      case 'new_pin': {
        const rules = checkVoidPassword(line);
        if (rules.length > 0) return this.#rulesBroken(rules);
        this.#pending = { step: 'repeat_pin', current: pending.current, first: line, trace: pending.trace };
        return '';
      }
      case 'repeat_pin': {
        if (line !== pending.first) return m.mismatch;
        const result = await this.#fleet.changePin(this.tid, pending.current, pending.first);
        const text = this.#pinChangeText(result);
        if (result.outcome !== 'accepted' || pending.trace === null) return text;
        // The void that asked for the change goes on with the new PIN.
        const now = this.#now();
        const voided = await this.#fleet.voidSale(this.tid, pending.trace, pending.first);
        return `${text}\n${this.#voidText(voided, now, null)}`;
      }
    }
  }

  #rulesBroken(rules: VoidPasswordRule[]): string {
    const m = this.#m;
    return m.rulesBroken(rules.map((rule) => m.rule[rule]).join(m.ruleSeparator));
  }

  #pinChangeText(result: PinChangeResult): string {
    const m = this.#m;
    switch (result.outcome) {
      case 'accepted':
        return m.accepted(this.#time(result.changedAt), result.reason === 'first_use');
      case 'refused_locally':
        return this.#rulesBroken(result.rules);
      case 'refused_by_acquirer': {
        const words = (result.code && m.acquirerPinCode[result.code]) ?? m.refusedOther;
        const answer = `HTTP ${result.status}${result.code ? ` ${result.code}` : ''}${result.detail ? ` — ${result.detail}` : ''}`;
        return m.refusedByAcquirer(words, answer);
      }
      case 'wrong_pin':
        return m.wrongPin(MAX_CONSECUTIVE_WRONG_PINS - this.#terminal.consecutiveWrongPins);
      case 'locked':
        return m.lockedAlready(this.#minutes(result.lockedUntil));
      case 'unreachable':
        return m.unreachable(result.reason);
      case 'unavailable':
        return m.unavailable[result.why];
    }
  }

  async #checkIn(): Promise<string> {
    this.#quiet = true;
    let report: CheckInReport;
    try {
      report = await this.#fleet.checkInNow(this.tid);
    } finally {
      this.#quiet = false;
    }
    const m = this.#m;
    switch (report.outcome) {
      case 'checked_in': {
        this.#outOfContact = false;
        const lines = [m.checkedIn(this.#time(report.at), report.nextCheckInSeconds)];
        if (report.wrongPinsReported > 0) lines.push(m.wrongReported(report.wrongPinsReported));
        if (report.settled) lines.push(this.#commandText(report.settled));
        lines.push(report.command ? this.#commandText(report.command) : m.noCommand);
        return lines.join('\n');
      }
      case 'failed': {
        const text = m.failure(m.request[report.failure.request], this.#failureWords(report.failure));
        return report.halted ? `${text}\n${m.sentence(m.halted[report.halted])}` : text;
      }
      case 'unavailable':
        return report.halted ? m.sentence(m.halted[report.halted]) : m.unavailable[report.why];
    }
  }

  #commandText(report: CommandReport): string {
    const c = this.#m.command;
    if (report.firmware !== undefined && report.result === 'applied')
      return c.firmware(report.id, report.firmware);
    if (report.firmware !== undefined && report.result === 'failed') return c.firmwareFailed(report.id);
    switch (report.result) {
      case 'applied':
        return c.applied(report.id, report.temporary);
      case 'withdrawn':
        return c.withdrawn(report.id);
      case 'failed':
        return c.failed(report.id, report.reason ?? '');
      case 'unanswered':
        return c.unanswered(report.id);
    }
  }

  #failureWords(failure: Pick<RequestFailure, 'status' | 'code' | 'reason'>): string {
    return failure.status === null
      ? this.#m.noAnswer(failure.reason ?? 'network')
      : this.#m.refusal(failure.status, failure.code, failure.reason);
  }
}
