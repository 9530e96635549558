import type { Messages } from '../messages';
import { messages as alerts } from './zh-CN/alerts';
import { messages as audit } from './zh-CN/audit';
import { messages as core } from './zh-CN/core';
import { messages as devices } from './zh-CN/devices';
import { messages as overview } from './zh-CN/overview';
import { messages as passwords } from './zh-CN/passwords';
import { messages as shell } from './zh-CN/shell';
import { messages as support } from './zh-CN/support';
import { messages as transactions } from './zh-CN/transactions';

/** 简体中文（默认与回退语言），按命名空间分文件（./zh-CN/*.ts）。键与 en 一一对应，缺键会在编译时报错。 */
export const zhCNNamespaces = {
  core,
  shell,
  transactions,
  overview,
  audit,
  alerts,
  devices,
  passwords,
  support,
};

/** 全部中文文案合成一棵树，供测试与类型使用（应用按命名空间加载）。 */
export const zhCN: Messages = {
  ...core,
  ...shell,
  ...transactions,
  ...overview,
  ...audit,
  ...alerts,
  ...devices,
  ...passwords,
  ...support,
};
