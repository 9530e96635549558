import { Link } from 'react-router';
import { buttonClasses } from './button';
import { PageHeader } from './page-header';

/**
 * A page for something that is not there — or not the user's to see, which must look
 * exactly the same (no hint that it exists elsewhere) — with a way back.
 */
export function MissingResource({
  title,
  body,
  backTo,
  backLabel,
}: {
  title: string;
  body: string;
  backTo: string;
  backLabel: string;
}) {
  return (
    <>
      <PageHeader title={title} />
      <p className="mb-6 max-w-prose text-gray-800">{body}</p>
      <Link to={backTo} className={buttonClasses('primary')}>
        {backLabel}
      </Link>
    </>
  );
}
