import type { Role } from '@/api/schemas/common';

export interface Viewer {
  role: Role;
  merchantIds: readonly string[];
  canExport: boolean;
}
