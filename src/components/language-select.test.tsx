import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { changeLanguage, currentLanguage } from '@/i18n/i18n';
import { LANGUAGE_STORAGE_KEY } from '@/i18n/languages';
import { LanguageSelect } from './language-select';

describe('LanguageSelect', () => {
  afterEach(async () => {
    vi.doUnmock('@/i18n/locales/zh-CN/core.ts?compiled');
    localStorage.clear();
    await changeLanguage('en');
  });

  it('says so when the other language does not load, and keeps the one in use', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.doMock('@/i18n/locales/zh-CN/core.ts?compiled', () => {
      throw new Error('offline');
    });
    render(<LanguageSelect />);
    await userEvent.selectOptions(screen.getByLabelText('Language'), 'zh-CN');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The other language could not be loaded. Check your connection and choose it again.',
    );
    expect(currentLanguage()).toBe('en');
    expect(screen.getByLabelText('Language')).toHaveValue('en');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBeNull();
  });
});
