import type { NamespaceMessages } from '../../messages';

export const messages: NamespaceMessages<'shell'> = {
  nav: {
    label: '主导航',
    menu: '菜单',
    overview: '概览',
    terminals: '终端',
    transactions: '交易',
    audit: '审计日志',
    merchants: '商户',
  },
  userMenu: {
    label: '账户',
    button: '{name} 的账户菜单',
    role: '角色',
    merchantIds: '{count, plural, one {商户号} other {商户号}}',
    allMerchants: '全部商户',
    signOut: '退出登录',
  },
  idle: {
    title: '您还在吗？',
    countdown: '您将在 {seconds} 秒后退出登录',
    explanation: '为了安全，15 分钟内没有操作时会话将自动结束。',
    stay: '保持登录',
    signOut: '退出登录',
  },
  pages: {
    overview: {
      title: '概览',
      welcome: '欢迎，{name}',
    },
    terminals: {
      title: '终端',
    },
    transactions: {
      title: '交易',
      voidsTitle: '已撤销的交易',
    },
    audit: {
      title: '审计日志',
    },
    merchants: {
      title: '商户',
    },
  },
  copy: {
    copied: '已复制',
    failed: '复制失败：请选中号码后手动复制。',
  },
  barChart: {
    showTable: '以表格查看数据',
    point: '{label}：{value}',
  },
  dateRange: {
    legend: '日期',
    from: '开始日期',
    to: '结束日期',
    reversed: '结束日期早于开始日期，日期筛选未生效。',
  },
  merchantFilter: {
    label: '商户号',
    hint: '15 位数字；留空表示全部商户',
    invalid: '商户号为 15 位数字。',
    all: '我的全部商户',
  },
  filterPanel: {
    toggle: '筛选',
    toggleActive: '{count, plural, one {筛选（已选 {count} 项）} other {筛选（已选 {count} 项）}}',
    clear: '清除筛选',
  },
  storeFilter: {
    label: '门店',
    all: '全部门店',
    merchantGroup: '商户 {mid}',
  },
  terminalFilter: {
    label: '终端',
    hint: '8 位终端号',
    invalid: '终端号为 8 位数字。',
  },
  countdown: {
    left: '剩余 {duration}',
    expired: '已到时间',
  },
  listView: {
    showing: '已显示 {shown} / 共 {total} 条',
    showingSome: '已显示 {shown} 条',
    loadingMore: '正在加载更多…',
    loadMore: '加载更多',
  },
  csvExport: {
    button: '导出 CSV',
    cancel: '取消导出',
    progressLabel: '导出进度',
    preparing: '正在准备导出…',
    progress: '正在下载… {received}',
    progressOf: '正在下载… {received} / {total}',
    done: '已保存 {fileName}（{size}）。',
    truncated: '文件只包含前面的部分记录：已达到导出上限。请缩小筛选范围后再次导出其余记录。',
  },
};
