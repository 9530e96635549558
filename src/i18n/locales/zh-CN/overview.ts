import type { NamespaceMessages } from '../../messages';

export const messages: NamespaceMessages<'overview'> = {
  overview: {
    security: {
      title: '撤销消费密码（主管密码）安全',
      allTerminals: '{count, plural, one {全部 {formatted} 台终端} other {全部 {formatted} 台终端}}',
      factoryPassword: '仍在使用出厂撤销消费密码 123456',
      locked: '撤销消费密码因输错被锁定',
      offline: '离线',
      openCommands: '等待终端接收的密码修改',
      stalePasswords: '撤销消费密码超过 {days} 天未修改',
      outdatedFirmware: '固件不是最新版本，有可用更新',
      show: '查看这些终端',
    },
    money: {
      title: '仍可撤销的交易',
      count:
        '{count, plural, one {{formatted} 笔银行卡消费，可在终端上撤销} other {{formatted} 笔银行卡消费，可在终端上撤销}}',
      none: '当前没有可撤销的交易。',
      nextCutoff: '最早的截止时间为 {time}：',
      left: '剩余 {duration}',
      open: '打开可撤销交易',
    },
    voids: {
      title: '每日撤销笔数（最近 14 天）',
      summary:
        '{count, plural, one {最近 14 天撤销 {formatted} 笔，共 {amount}；最多的一天是 {day}（{dayCount} 笔）。} other {最近 14 天撤销 {formatted} 笔，共 {amount}；最多的一天是 {day}（{dayCount} 笔）。}}',
      none: '最近 14 天没有撤销。',
      valueText: '{count, plural, one {撤销 {formatted} 笔，{amount}} other {撤销 {formatted} 笔，{amount}}}',
      day: '日期',
      count: '撤销笔数',
      amount: '金额',
      review: '查看最近 14 天的撤销',
    },
  },
};
