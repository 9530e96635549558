import type { QueryKey } from '@tanstack/react-query';
import { passwordCommandQueries } from '@/api/queries/password-commands';
import { terminalQueries } from '@/api/queries/terminals';

export type RefreshKeys = readonly QueryKey[];

export const REFRESHED_BY_COMMANDS: RefreshKeys = [terminalQueries.all(), passwordCommandQueries.all()];

export const REFRESHED_BY_JOBS: RefreshKeys = [terminalQueries.all()];
