import { Link } from 'react-router';
import { buttonClasses } from './button';
import { PageHeader } from './page-header';

// Also for what is not the user's to see, which must look exactly the same.
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
