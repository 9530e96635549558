import { paths } from '@/config/paths';

const SIGN_IN_PATH = paths.signIn();

/**
 * Only a path of this app ("//" and "/\\" leave the site), so a crafted link cannot send a user elsewhere.
 */
export function safeReturnTo(raw: string | null | undefined): string | null {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return null;
  // Control characters and backslashes are normalised by browsers in surprising ways.
  if (raw.includes('\\') || [...raw].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)) {
    return null;
  }
  const base = 'http://app.invalid';
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return null;
  }
  if (url.origin !== base) return null;
  if (url.pathname === SIGN_IN_PATH || url.pathname.startsWith(`${SIGN_IN_PATH}/`)) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

export function signInPath(returnTo?: string | null): string {
  const safe = safeReturnTo(returnTo);
  return paths.signIn({ returnTo: safe && safe !== paths.overview() ? safe : undefined });
}
