import type { NamespaceMessages } from '../../messages';

export const messages: NamespaceMessages<'alerts'> = {
  alerts: {
    title: '风险提醒',
    empty: '目前没有风险提醒。',
    terminal: '终端 {tid}',
    merchant: '商户 {mid}',
    count: '{count, plural, one {涉及 {count} 项} other {涉及 {count} 项}}',
    severity: {
      info: '提示',
      warning: '警告',
      critical: '严重',
    },
    kind: {
      default_password: '终端仍在使用出厂撤销消费密码',
      lockout: '撤销消费密码因输错被锁定',
      void_burst: '撤销交易异常增多',
      stale_password: '撤销消费密码长期未修改',
      offline: '终端离线',
    },
    action: {
      default_password: '查看这些终端',
      stale_password: '查看终端',
      terminal: '打开终端 {tid}',
      void_burst: '查看这些撤销',
    },
  },
};
