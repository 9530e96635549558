import { type ReactNode, useEffect, useRef } from 'react';

/** When a step replaces another the focused control is gone: focus moves here. */
export function DialogHeading({
  id,
  children,
  focusOnMount = false,
}: {
  id: string;
  children: ReactNode;
  focusOnMount?: boolean;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnMount) ref.current?.focus();
  }, [focusOnMount]);
  return (
    <h2
      id={id}
      ref={ref}
      // Focusable only when focus is moved here; otherwise the dialog starts at its first field.
      tabIndex={focusOnMount ? -1 : undefined}
      className="text-lg font-semibold text-gray-900 focus:outline-none"
    >
      {children}
    </h2>
  );
}
