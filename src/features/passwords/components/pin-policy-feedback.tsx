import { useTranslation } from '@/i18n/use-translation';
import { brokenPinRules } from '../api/pin-rules';

function Cross() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="mt-0.5 h-4 w-4 shrink-0">
      <path
        fill="currentColor"
        d="m5.6 4.2 4.4 4.4 4.4-4.4 1.4 1.4-4.4 4.4 4.4 4.4-1.4 1.4-4.4-4.4-4.4 4.4-1.4-1.4L8.6 10 4.2 5.6z"
      />
    </svg>
  );
}

function Check() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="mt-0.5 h-4 w-4 shrink-0">
      <path fill="currentColor" d="M7.7 13.3 4.4 10l-1.2 1.2 4.5 4.5 9.5-9.5-1.2-1.2z" />
    </svg>
  );
}

/** Never the PIN itself; no green "passes" when the field says it is refused (one message, not two). */
export function PinPolicyFeedback({
  id,
  value,
  emphasize,
  refused = false,
}: {
  id: string;
  value: string;
  emphasize: boolean;
  refused?: boolean;
}) {
  const { t } = useTranslation();
  const broken = value === '' ? [] : brokenPinRules(value);
  return (
    <div id={id} aria-live="polite" className="mt-1 text-sm">
      {value === '' ? (
        <p className="text-gray-700">{t('passwords.rules.summary')}</p>
      ) : broken.length > 0 ? (
        <ul className={`space-y-0.5 ${emphasize ? 'text-red-700' : 'text-amber-900'}`}>
          {broken.map((key) => (
            <li key={key} className="flex gap-1.5">
              <Cross />
              <span>{t(key)}</span>
            </li>
          ))}
        </ul>
      ) : refused ? null : (
        <p className="flex gap-1.5 text-green-800">
          <Check />
          <span>{t('passwords.rules.ok')}</span>
        </p>
      )}
    </div>
  );
}
