import { useId, useState } from 'react';
import { changeLanguage, currentLanguage } from '@/i18n/i18n';
import { isLanguage, LANGUAGE_NAMES, LANGUAGES } from '@/i18n/languages';
import { useTranslation } from '@/i18n/use-translation';

export function LanguageSelect({ className = '' }: { className?: string }) {
  const { t } = useTranslation(); // re-renders on language change
  const id = useId();
  const [failed, setFailed] = useState(false);
  return (
    <div className={`flex flex-wrap items-center gap-2 ${className}`}>
      <label htmlFor={id} className="sr-only">
        {t('language.label')}
      </label>
      <select
        id={id}
        value={currentLanguage()}
        onChange={(event) => {
          if (!isLanguage(event.target.value)) return;
          setFailed(false);
          // The language in use stays, and is not remembered, when the other one does not load.
          changeLanguage(event.target.value).catch(() => setFailed(true));
        }}
        className="focus-ring rounded-md border border-gray-300 bg-white py-1.5 pl-2 pr-7 text-sm text-gray-900"
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {LANGUAGE_NAMES[language]}
          </option>
        ))}
      </select>
      {/* An alert is announced when it appears: only there while there is something to say. */}
      {failed ? (
        <p role="alert" className="text-sm text-red-700">
          {t('language.switchFailed')}
        </p>
      ) : null}
    </div>
  );
}
