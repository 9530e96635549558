import { type ReactNode, useId } from 'react';

/**
 * A titled card of a page (a `region` named by its heading), e.g. a terminal's "Void
 * password" or "Command history": screen-reader users can jump between them.
 */
export function Panel({
  title,
  titleClassName = 'text-lg font-semibold text-gray-900',
  className = '',
  children,
}: {
  title: ReactNode;
  /** E.g. `sr-only` when the content speaks for itself but the region still needs a name. */
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
