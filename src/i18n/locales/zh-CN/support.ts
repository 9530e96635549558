import type { NamespaceMessages } from '../../messages';

export const messages: NamespaceMessages<'support'> = {
  support: {
    search: {
      label: '查找商户',
      hint: '商户号（MID）、名称或电话号码（可带 +86、空格或横线）',
      start: '请输入商户号、名称的一部分，或电话号码中至少 4 位数字。',
      results: '找到的商户',
      found: '{count, plural, one {找到 {formatted} 个商户} other {找到 {formatted} 个商户}}',
      noneTitle: '未找到商户',
      noneBody: '请核对商户号或电话号码，或尝试输入更短的名称片段。',
    },
    merchant: {
      title: '商户',
      facts: '商户信息',
      mid: '商户号',
      phone: '电话',
      payout: '结算方式',
      payoutT1: 'T+1：批次结算前可在终端上撤销刷卡交易',
      payoutD0: 'D0（当日到账）：刷卡交易不能撤销，只能退货',
      stores: '{count, plural, one {{formatted} 家门店} other {{formatted} 家门店}}',
      noStores: '该商户暂无门店。',
      storeCount: '{count, plural, one {{formatted} 家门店} other {{formatted} 家门店}}',
      terminalCount: '{count, plural, one {{formatted} 台终端} other {{formatted} 台终端}}',
      terminals: '终端',
      backToSearch: '商户查找',
      notFoundTitle: '未找到商户',
      notFoundBody: '没有商户号为 {mid} 的商户。请核对号码，或按名称、电话查找。',
    },
  },
};
