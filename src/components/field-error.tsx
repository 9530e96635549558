/**
 * A field's error, under it. The wrapper is always in the page and a polite live region:
 * an error that appears while its field keeps the focus (Enter in the field sends a form
 * that is refused) is read out; a description alone would not be. The field points at the
 * message (`aria-describedby={id}`) only while there is one.
 */
export function FieldError({ id, error }: { id: string; error: string | undefined }) {
  return (
    <div aria-live="polite">
      {error ? (
        <p id={id} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
