import type { Role } from '@contract/schemas/common';

export interface Viewer {
  role: Role;
  merchantIds: readonly string[];
  canExport: boolean;
}
