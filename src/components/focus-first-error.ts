import type { BaseSyntheticEvent } from 'react';
import { type FieldErrors, type FieldValues, get, type Path, type UseFormReturn } from 'react-hook-form';

/**
 * `useForm` options for a form whose invalid submit goes through {@link focusFirstError}.
 *
 * React Hook Form focuses the first field in error twice: as the errors appear, and again on a timer. On a busy
 * page that timer can fire after the person has typed into the field and moved on with Tab, and it pulls the focus
 * back to whichever field is still in error. Ours focuses once, as the errors appear.
 */
export const FOCUS_ERRORS_OURSELVES = { shouldFocusError: false } as const;

/** For `handleSubmit`'s second argument: focus the first field in error, in the order the form shows them. */
export function focusFirstError<T extends FieldValues>(form: UseFormReturn<T>) {
  return (errors: FieldErrors<T>, event?: BaseSyntheticEvent) => {
    const target: unknown = event?.target;
    if (target instanceof HTMLFormElement) {
      for (const control of Array.from(target.elements)) {
        const name = control.getAttribute('name');
        if (name && get(errors, name) && control instanceof HTMLElement) {
          control.focus();
          return;
        }
      }
    }
    // Sent without its form (a "Try again" button): the first error the schema reported.
    const first = Object.keys(errors)[0];
    if (first) form.setFocus(first as Path<T>);
  };
}
