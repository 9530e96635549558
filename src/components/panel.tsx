import { type ReactNode, useId } from 'react';

export function Panel({
  title,
  titleClassName = 'text-lg font-semibold text-gray-900',
  className = '',
  children,
}: {
  title: ReactNode;
  titleClassName?: string;
  className?: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <section
      aria-labelledby={id}
      className={`rounded-lg border border-gray-200 bg-white p-4 sm:p-6 ${className}`}
    >
      <h2 id={id} className={titleClassName}>
        {title}
      </h2>
      {children}
    </section>
  );
}
