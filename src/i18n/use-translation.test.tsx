import { act, renderHook } from '@testing-library/react';
import { afterAll, describe, expect, it } from 'vitest';
import { takeMissingMessages } from '@/testing/missing-messages';
import { changeLanguage, i18n } from './i18n';
import type { MessageKey } from './messages';
import { useTranslation } from './use-translation';

describe('useTranslation', () => {
  afterAll(() => changeLanguage('en'));

  it('re-renders a component when the language changes, not when a namespace loads', async () => {
    await act(() => changeLanguage('en'));
    let renders = 0;
    const { result } = renderHook(() => {
      renders += 1;
      return useTranslation();
    });
    const first = renders;
    expect(result.current.t('signIn.title')).toBe('Sign in');

    // Lingui signals every catalog it loads; no text on screen changes, so nothing renders.
    act(() => i18n.load('en', { 'signIn.unusedForThisTest': ['x'] }));
    expect(renders).toBe(first);

    await act(() => changeLanguage('zh-CN'));
    expect(renders).toBeGreaterThan(first);
    expect(result.current.language).toBe('zh-CN');
    expect(result.current.t('signIn.title')).toBe('登录');
  });

  it('shows a key without a message as the key itself, and the unit tests hear of it', async () => {
    await act(() => changeLanguage('en'));
    const { result } = renderHook(() => useTranslation());
    expect(result.current.t('signIn.noSuchMessage' as MessageKey)).toBe('signIn.noSuchMessage');
    expect(result.current.t('signIn.title')).toBe('Sign in');
    // Taken here, so this test passes; left, src/testing/setup.ts fails the test after it ends.
    expect(takeMissingMessages()).toEqual(['en: signIn.noSuchMessage']);
  });

  it('shows a placeholder given no value as nothing, and the unit tests hear of it', async () => {
    await act(() => changeLanguage('en'));
    const { result } = renderHook(() => useTranslation());
    const text = result.current.t('transactions.expiredOne', { traceNo: '900101' });
    expect(text).toMatch(/^Sale 900101 \(\) passed its void deadline/);
    expect(takeMissingMessages()).toEqual(['en: transactions.expiredOne without {amount}']);
    // A placeholder inside a plural's branches counts too.
    expect(result.current.t('audit.total', { count: 2 })).toBe(' events');
    expect(takeMissingMessages()).toEqual(['en: audit.total without {formatted}']);
  });
});
