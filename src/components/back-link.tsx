import { Link } from 'react-router';

export function BackLink({ to, label }: { to: string; label: string }) {
  return (
    <p className="mb-2 text-sm">
      <Link to={to} className="focus-ring rounded text-blue-800 underline underline-offset-2">
        <span aria-hidden="true">← </span>
        {label}
      </Link>
    </p>
  );
}
