import { useNavigate, useParams } from 'react-router';
import { voidPasswordAccessOf } from '@/app/roles';
import { useSignedInUser } from '@/features/auth/signed-in-user';
import { terminalQueries } from '@/features/devices/api/queries';
import { bulkResetJobPath } from '@/features/passwords/api/paths';
import { BulkResetJobView } from '@/features/passwords/components/bulk-reset-job';

/** A finished job queued commands: the fleet list and terminal pages show them. */
const REFRESHED_BY_JOBS = [terminalQueries.all()];

export function BulkResetPage() {
  const { jobId = '' } = useParams();
  const navigate = useNavigate();
  const user = useSignedInUser();
  return (
    <BulkResetJobView
      key={jobId}
      jobId={jobId}
      access={voidPasswordAccessOf(user)}
      refreshes={REFRESHED_BY_JOBS}
      onRetryStarted={(job) => void navigate(bulkResetJobPath(job.id))}
    />
  );
}
