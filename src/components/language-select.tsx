import { useId } from 'react';
import { useTranslation } from '@/i18n/use-translation';
import { changeLanguage, currentLanguage } from '@/i18n/i18n';
import { isLanguage, LANGUAGE_NAMES, LANGUAGES } from '@/i18n/languages';

export function LanguageSelect({ className = '' }: { className?: string }) {
  const { t } = useTranslation(); // re-renders on language change
  const id = useId();
  return (
    <div className={`flex items-center gap-2 ${className}`}>
      <label htmlFor={id} className="sr-only">
        {t('language.label')}
      </label>
      <select
        id={id}
        value={currentLanguage()}
        onChange={(event) => {
          if (isLanguage(event.target.value)) void changeLanguage(event.target.value);
        }}
        className="focus-ring rounded-md border border-gray-300 bg-white py-1.5 pl-2 pr-7 text-sm text-gray-900"
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {LANGUAGE_NAMES[language]}
          </option>
        ))}
      </select>
    </div>
  );
}
