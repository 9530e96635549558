// A service worker's response may not set cookies, and MSW's own cookie store persists to localStorage,
// so the adapter keeps the cookie itself (HttpOnly cannot be honoured in `document.cookie`).
export interface CookieJar {
  read(): Record<string, string>;
  write(setCookies: readonly string[]): void;
  clear(): void;
}

interface ParsedSetCookie {
  name: string;
  value: string;
  attributes: string[];
  expired: boolean;
}

export function parseSetCookie(header: string): ParsedSetCookie | null {
  const [pair = '', ...attributes] = header.split(';').map((part) => part.trim());
  const eq = pair.indexOf('=');
  if (eq <= 0) return null;
  const expired = attributes.some((a) => /^max-age=\s*(0|-\d+)$/i.test(a));
  return { name: pair.slice(0, eq), value: pair.slice(eq + 1), attributes, expired };
}

export function parseCookieHeader(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

export function createMemoryCookieJar(): CookieJar {
  const cookies = new Map<string, string>();
  return {
    read: () => Object.fromEntries(cookies),
    write(setCookies) {
      for (const header of setCookies) {
        const cookie = parseSetCookie(header);
        if (!cookie) continue;
        if (cookie.expired) cookies.delete(cookie.name);
        else cookies.set(cookie.name, cookie.value);
      }
    },
    clear: () => cookies.clear(),
  };
}
