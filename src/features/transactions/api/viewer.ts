import type { Role } from '@/api/schemas/common';

/** Who is looking, as the page knows it: what to offer (export, merchant filter). */
export interface Viewer {
  role: Role;
  merchantIds: readonly string[];
  /** CSV export of the list (owners and support). */
  canExport: boolean;
}
