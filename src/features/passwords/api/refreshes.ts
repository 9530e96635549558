import { passwordCommandQueries } from '@/api/queries/password-commands';
import { terminalQueries } from '@/api/queries/terminals';
import type { RefreshKeys } from './mutations';

/** What a void-password command changes on screen: the terminal (page and list) and its commands. */
export const REFRESHED_BY_COMMANDS: RefreshKeys = [terminalQueries.all(), passwordCommandQueries.all()];

/** A finished bulk reset queued commands: the fleet list and the terminal pages show them. */
export const REFRESHED_BY_JOBS: RefreshKeys = [terminalQueries.all()];
