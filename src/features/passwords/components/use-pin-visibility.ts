import { useCallback, useState } from 'react';

/** `hideAll` on submit: a browser that sees a PIN in a plain text field may offer it as autofill. */
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
