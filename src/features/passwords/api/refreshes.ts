import { passwordCommandQueries } from '@/api/queries/password-commands';
import { terminalQueries } from '@/api/queries/terminals';
import type { RefreshKeys } from './mutations';

export const REFRESHED_BY_COMMANDS: RefreshKeys = [terminalQueries.all(), passwordCommandQueries.all()];

export const REFRESHED_BY_JOBS: RefreshKeys = [terminalQueries.all()];
