import { paths } from '@/config/paths';

/** Where a bulk reset job is followed; its id is in the URL (not a secret), so it survives a reload. */
export const bulkResetJobPath = (jobId: string): string => paths.bulkResetJob(jobId);
