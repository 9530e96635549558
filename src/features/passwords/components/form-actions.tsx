import { Button } from '@/components/button';
import { useTranslation } from '@/i18n/use-translation';

export function FormActions({
  onCancel,
  label,
  pending = false,
  pendingLabel,
  variant = 'primary',
  onContinue,
}: {
  onCancel: () => void;
  label: string;
  pending?: boolean;
  pendingLabel?: string;
  variant?: 'primary' | 'danger';
  onContinue?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="flex flex-wrap justify-end gap-2">
      <Button variant="secondary" onClick={onCancel}>
        {t('passwords.dialog.cancel')}
      </Button>
      <Button
        type={onContinue ? 'button' : 'submit'}
        variant={variant}
        disabled={pending}
        onClick={onContinue}
      >
        {pending ? (pendingLabel ?? t('passwords.dialog.sending')) : label}
      </Button>
    </div>
  );
}
