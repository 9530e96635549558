/** Where a bulk reset job is followed; its id is in the URL (not a secret), so it survives a reload. */
export function bulkResetJobPath(jobId: string): string {
  return `/terminals/bulk-resets/${encodeURIComponent(jobId)}`;
}
