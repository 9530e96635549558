// Always a live region: an error that appears while its field keeps the focus (Enter sent a refused form)
// is read out, which a description alone would not be.
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
