import { useCallback, useState } from 'react';

/**
 * Which PIN fields of a form show their digits. `hideAll` runs on submit, so a browser never
 * sees a PIN in a plain text field when the form is sent (it could offer it as autofill).
 */
export function usePinVisibility() {
  const [shown, setShown] = useState<ReadonlySet<string>>(() => new Set());
  const isShown = useCallback((name: string) => shown.has(name), [shown]);
  const toggle = useCallback(
    (name: string) =>
      setShown((current) => {
        const next = new Set(current);
        if (next.has(name)) next.delete(name);
        else next.add(name);
        return next;
      }),
    [],
  );
  const hideAll = useCallback(() => setShown(new Set()), []);
  return { isShown, toggle, hideAll };
}
