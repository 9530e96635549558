import { useNavigate, useParams } from 'react-router';
import { voidPasswordAccessOf } from '@/app/roles';
import { paths } from '@/config/paths';
import { useSignedInUser } from '@/features/auth/signed-in-user';
import { BulkResetJobView } from '@/features/passwords/components/bulk-reset-job';

export function BulkResetPage() {
  const { jobId = '' } = useParams();
  const navigate = useNavigate();
  const user = useSignedInUser();
  return (
    <BulkResetJobView
      key={jobId}
      jobId={jobId}
      access={voidPasswordAccessOf(user)}
      onRetryStarted={(job) => void navigate(paths.bulkResetJob(job.id))}
    />
  );
}
