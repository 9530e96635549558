import { type InputHTMLAttributes, useEffect, useId, useState } from 'react';

// One request and one history entry per pause, not per keystroke; what the user is still typing is
// never overwritten by the echo of their own earlier commit.
export function SearchField({
  label,
  value,
  onCommit,
  delayMs = 300,
  description,
  validate,
  className = '',
  ...inputProps
}: {
  label: string;
  value: string;
  onCommit: (value: string) => void;
  delayMs?: number;
  description?: string;
  /** Text that fails is not committed; it stays in the box with the message under it. */
  validate?: (text: string) => string | undefined;
  className?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type' | 'id' | 'defaultValue'>) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [committed, setCommitted] = useState(value);
  const [rejected, setRejected] = useState<string | undefined>(undefined);
  if (value !== committed) {
    // Changed from outside: show it (adjusting state while rendering, as React documents).
    setCommitted(value);
    setDraft(value);
    setRejected(undefined);
  }

  const problem = draft.trim() === committed ? undefined : rejected;

  const commit = (text: string) => {
    const trimmed = text.trim();
    const invalid = validate?.(trimmed);
    setRejected(invalid);
    if (invalid !== undefined || trimmed === committed) return;
    setCommitted(trimmed);
    onCommit(trimmed);
  };

  useEffect(() => {
    if (draft.trim() === committed) return;
    const timer = setTimeout(() => {
      const trimmed = draft.trim();
      const invalid = validate?.(trimmed);
      setRejected(invalid);
      if (invalid !== undefined) return;
      setCommitted(trimmed);
      onCommit(trimmed);
    }, delayMs);
    return () => clearTimeout(timer);
  }, [draft, committed, delayMs, onCommit, validate]);

  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-gray-900">
        {label}
      </label>
      {description ? (
        <p id={`${id}-hint`} className="text-xs text-gray-700">
          {description}
        </p>
      ) : null}
      <input
        id={id}
        type="search"
        value={draft}
        aria-describedby={
          [description ? `${id}-hint` : '', problem ? `${id}-error` : ''].join(' ').trim() || undefined
        }
        aria-invalid={problem ? true : undefined}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            commit(draft);
          }
        }}
        autoComplete="off"
        spellCheck={false}
        className={`focus-ring mt-1 block w-full rounded-md border bg-white px-3 py-2 text-base text-gray-900 shadow-sm sm:text-sm ${problem ? 'border-red-600' : 'border-gray-400'}`}
        {...inputProps}
      />
      {problem ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
