import { useTranslation } from '@/i18n/use-translation';
import { SearchField } from './search-field';

const TERMINAL_ID = /^\d{8}$/;

/** Applied once complete (8 digits). */
export function TerminalFilter({
  value,
  onChange,
  className = '',
}: {
  value: string | undefined;
  onChange: (tid: string | undefined) => void;
  className?: string;
}) {
  const { t } = useTranslation();
  return (
    <SearchField
      label={t('terminalFilter.label')}
      description={t('terminalFilter.hint')}
      value={value ?? ''}
      onCommit={(text) => onChange(text || undefined)}
      validate={(text) => (text === '' || TERMINAL_ID.test(text) ? undefined : t('terminalFilter.invalid'))}
      inputMode="numeric"
      maxLength={8}
      className={className}
    />
  );
}
