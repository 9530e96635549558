import { describe, expect, it } from 'vitest';
import { safeReturnTo, signInPath } from './return-to';

describe('safeReturnTo', () => {
  it('keeps a path of this app with its query and hash', () => {
    expect(safeReturnTo('/transactions?voidable=true#top')).toBe('/transactions?voidable=true#top');
    expect(safeReturnTo('/')).toBe('/');
  });

  it.each([
    ['//evil.example/path'],
    ['/\\evil.example'],
    ['https://evil.example/'],
    ['javascript:alert(1)'],
    ['evil.example'],
    ['/\t/evil.example'],
    ['/foo\\bar'],
    [''],
    [null],
    [undefined],
  ])('rejects %j', (value) => {
    expect(safeReturnTo(value)).toBeNull();
  });

  it('never returns to the sign-in page itself', () => {
    expect(safeReturnTo('/sign-in?returnTo=/audit')).toBeNull();
  });
});

describe('signInPath', () => {
  it('carries a safe returnTo, encoded', () => {
    expect(signInPath('/transactions?voidable=true')).toBe(
      '/sign-in?returnTo=%2Ftransactions%3Fvoidable%3Dtrue',
    );
  });

  it('is plain for the home page or an unsafe target', () => {
    expect(signInPath('/')).toBe('/sign-in');
    expect(signInPath('//evil.example')).toBe('/sign-in');
    expect(signInPath(null)).toBe('/sign-in');
  });
});
