import { z } from 'zod/mini';

// A wrong value stops the app with a message naming the variable, not a half-working console.
const flag = z.pipe(
  z.enum(['true', 'false', '1', '0', 'on', 'off'], {
    error: () => 'must be one of true, false, 1, 0, on, off',
  }),
  z.transform((v) => v === 'true' || v === '1' || v === 'on'),
);

const EnvSchema = z.object({
  /** Default: on in dev, off in a build. */
  VITE_API_MOCKING: z.optional(flag),
  VITE_API_BASE_URL: z.optional(
    z.string().check(
      z.refine((v) => v.startsWith('/') || /^https?:\/\/[^/\s]+/.test(v), {
        message: 'must be a path starting with / or an absolute http(s) URL',
      }),
    ),
  ),
});

export interface AppConfig {
  apiMocking: boolean;
  apiBaseUrl: string;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function parseConfig(raw: Record<string, unknown>, isDev: boolean): AppConfig {
  const nonEmpty = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== '' && v !== undefined));
  const result = EnvSchema.safeParse(nonEmpty);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')} ${i.message}`));
  }
  const apiBaseUrl = (result.data.VITE_API_BASE_URL ?? '/api/v1').replace(/\/+$/, '');
  return { apiMocking: result.data.VITE_API_MOCKING ?? isDev, apiBaseUrl };
}
