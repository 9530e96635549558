import type { z } from 'zod/mini';
import type { PasswordCommandStatus } from '@contract/schemas/commands';
import type { ExportLanguage } from '@contract/schemas/common';
import type { TerminalStatus, VoidPasswordState } from '@contract/schemas/terminals';
import type {
  NotVoidableReason,
  PaymentMethod,
  TransactionStatus,
  TransactionType,
} from '@contract/schemas/transactions';

/** The console's own words (消费, 成功), not the API's keys: a merchant reads the file in Excel. */
interface TransactionExportLabels {
  header: {
    id: string;
    time: string;
    merchantId: string;
    tid: string;
    store: string;
    type: string;
    status: string;
    method: string;
    amount: string;
    currency: string;
    cardLast4: string;
    traceNo: string;
    rrn: string;
    batchNo: string;
    operatorNo: string;
    voidable: string;
    voidableUntil: string;
    notVoidableReason: string;
    originalId: string;
  };
  type: Record<z.infer<typeof TransactionType>, string>;
  status: Record<z.infer<typeof TransactionStatus>, string>;
  method: Record<PaymentMethod, string>;
  reason: Record<NotVoidableReason, string>;
  yes: string;
  no: string;
}

export const TRANSACTION_EXPORT_LABELS: Record<ExportLanguage, TransactionExportLabels> = {
  'zh-CN': {
    header: {
      id: '交易编号',
      time: '交易时间（北京时间）',
      merchantId: '商户号',
      tid: '终端号',
      store: '门店',
      type: '交易类型',
      status: '状态',
      method: '支付方式',
      amount: '金额（元）',
      currency: '币种',
      cardLast4: '卡号后 4 位',
      traceNo: '凭证号',
      rrn: '参考号',
      batchNo: '批次号',
      operatorNo: '操作员',
      voidable: '当前可撤销',
      voidableUntil: '撤销截止时间（北京时间）',
      notVoidableReason: '不可撤销原因',
      originalId: '原消费交易编号',
    },
    type: { sale: '消费', void: '撤销' },
    status: { approved: '成功', voided: '已撤销', settled: '已结算', declined: '被拒绝' },
    method: {
      card_chip: '芯片卡',
      card_swipe: '磁条卡',
      card_contactless: '闪付',
      wechat_qr: '微信支付扫码',
      alipay_qr: '支付宝扫码',
      unionpay_qr: '银联二维码',
    },
    reason: {
      settled: '已结算，请办理退货',
      past_cutoff: '已过撤销截止时间，结算后退货',
      already_voided: '已撤销',
      qr_refund_only: '扫码支付，请原路退款',
      d0_payout_refund_only: 'D0 当日到账，请办理退货',
      not_approved: '被拒绝，未扣款',
      is_void: '撤销交易',
    },
    yes: '是',
    no: '否',
  },
  en: {
    header: {
      id: 'Transaction ID',
      time: 'Time (China Standard Time)',
      merchantId: 'MID',
      tid: 'TID',
      store: 'Store',
      type: 'Type',
      status: 'Status',
      method: 'Payment method',
      amount: 'Amount (CNY)',
      currency: 'Currency',
      cardLast4: 'Card ending',
      traceNo: 'Trace no.',
      rrn: 'RRN',
      batchNo: 'Batch no.',
      operatorNo: 'Operator',
      voidable: 'Voidable now',
      voidableUntil: 'Void deadline (China Standard Time)',
      notVoidableReason: 'Why not voidable',
      originalId: 'Original sale ID',
    },
    type: { sale: 'Sale', void: 'Void' },
    status: { approved: 'Approved', voided: 'Voided', settled: 'Settled', declined: 'Declined' },
    method: {
      card_chip: 'Chip card',
      card_swipe: 'Swiped card',
      card_contactless: 'Contactless card',
      wechat_qr: 'WeChat Pay QR',
      alipay_qr: 'Alipay QR',
      unionpay_qr: 'UnionPay QR',
    },
    reason: {
      settled: 'Settled: refund instead',
      past_cutoff: 'Past the cutoff: refund after settlement',
      already_voided: 'Already voided',
      qr_refund_only: 'QR payment: refund to the original method',
      d0_payout_refund_only: 'Same-day payout: refund instead',
      not_approved: 'Declined: nothing was charged',
      is_void: 'A void',
    },
    yes: 'Yes',
    no: 'No',
  },
};

interface TerminalExportLabels {
  header: {
    tid: string;
    sn: string;
    model: string;
    firmware: string;
    merchantId: string;
    merchant: string;
    store: string;
    status: string;
    lastSeen: string;
    voidPassword: string;
    changedAt: string;
    lockedUntil: string;
    command: string;
  };
  status: Record<z.infer<typeof TerminalStatus>, string>;
  voidPassword: Record<VoidPasswordState, string>;
  command: Record<PasswordCommandStatus, string>;
}

export const TERMINAL_EXPORT_LABELS: Record<ExportLanguage, TerminalExportLabels> = {
  'zh-CN': {
    header: {
      tid: '终端号',
      sn: '序列号',
      model: '型号',
      firmware: '固件版本',
      merchantId: '商户号',
      merchant: '商户名称',
      store: '门店',
      status: '连接状态',
      lastSeen: '最后通信（北京时间）',
      voidPassword: '撤销消费密码（主管密码）',
      changedAt: '密码上次修改（北京时间）',
      lockedUntil: '锁定至（北京时间）',
      command: '密码指令',
    },
    status: { online: '在线', offline: '离线' },
    voidPassword: { default: '出厂默认', custom: '已修改', temporary: '临时密码', locked: '已锁定' },
    command: {
      queued: '已排队',
      delivered: '已送达',
      applied: '已生效',
      failed: '失败',
      expired: '已过期',
      cancelled: '已取消',
    },
  },
  en: {
    header: {
      tid: 'TID',
      sn: 'SN',
      model: 'Model',
      firmware: 'Firmware',
      merchantId: 'MID',
      merchant: 'Merchant',
      store: 'Store',
      status: 'Connectivity',
      lastSeen: 'Last contact (China Standard Time)',
      voidPassword: 'Void password',
      changedAt: 'Void password changed (China Standard Time)',
      lockedUntil: 'Locked until (China Standard Time)',
      command: 'Password command',
    },
    status: { online: 'Online', offline: 'Offline' },
    voidPassword: { default: 'Factory default', custom: 'Custom', temporary: 'Temporary', locked: 'Locked' },
    command: {
      queued: 'Queued',
      delivered: 'Delivered',
      applied: 'Applied',
      failed: 'Failed',
      expired: 'Expired',
      cancelled: 'Cancelled',
    },
  },
};
