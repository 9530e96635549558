import { paths } from '@/config/paths';

/** The job id is not a secret, so the page survives a reload. */
export const bulkResetJobPath = (jobId: string): string => paths.bulkResetJob(jobId);
