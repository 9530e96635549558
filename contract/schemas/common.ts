import '../zod-setup';
import { z } from 'zod/mini';

export const Timestamp = z.iso.datetime({ offset: true });

export const MerchantId = z.string().check(z.regex(/^\d{15}$/));
export const TerminalId = z.string().check(z.regex(/^\d{8}$/));
/** Fen (分): 1250 is ¥12.50. */
export const AmountFen = z.int();

export const Count = z.int().check(z.nonnegative());

// White space and the characters that show nothing: zero-width space and joiners (U+200B–U+200D), word joiner
// (U+2060), the byte-order mark (U+FEFF), bidi controls, soft hyphen, variation selectors, Hangul fillers.
const INVISIBLE_EDGES = /^[\s\p{Default_Ignorable_Code_Point}]+|[\s\p{Default_Ignorable_Code_Point}]+$/gu;

/** Trims what cannot be seen from both ends: text of nothing but that is empty, so "required" refuses it. */
export function trimInvisible(text: string): string {
  return text.replace(INVISIBLE_EDGES, '');
}

export const TICKET_ID_MAX_LENGTH = 64;
export const REASON_MAX_LENGTH = 500;

/** A support ticket reference and a reason, as the API takes them and the forms check them. */
export const TicketIdText = z.string().check(z.overwrite(trimInvisible), z.maxLength(TICKET_ID_MAX_LENGTH));
export const ReasonText = z.string().check(z.overwrite(trimInvisible), z.maxLength(REASON_MAX_LENGTH));

export const Role = z.enum(['owner', 'cashier', 'support']);
export type Role = z.infer<typeof Role>;

export const FieldError = z.object({
  field: z.string(),
  code: z.string(),
  message: z.string(),
});

export const ProblemDetails = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.optional(z.string()),
  code: z.string(),
  errors: z.optional(z.array(FieldError)),
  attemptsRemaining: z.optional(z.int()),
  retryAfter: z.optional(z.int()),
  lockedUntil: z.optional(Timestamp),
  openCommandId: z.optional(z.string()),
});
export type ProblemDetails = z.infer<typeof ProblemDetails>;
/** Unknown codes are still accepted. */
export const ErrorCode = {
  malformed: 'request.malformed',
  unsupportedMediaType: 'request.unsupported_media_type',
  invalidCredentials: 'auth.invalid_credentials',
  throttled: 'auth.throttled',
  unauthenticated: 'auth.unauthenticated',
  sessionExpired: 'auth.session_expired',
  csrf: 'auth.csrf',
  stepUpRequired: 'auth.step_up_required',
  forbidden: 'auth.forbidden',
  notFound: 'not_found',
  pinFormat: 'pin.format',
  pinTooSimple: 'pin.too_simple',
  pinDefault: 'pin.default',
  pinReused: 'pin.reused',
  pinWrongCurrent: 'pin.wrong_current',
  pinLocked: 'pin.locked',
  commandAlreadyOpen: 'command.already_open',
  commandNotCancellable: 'command.not_cancellable',
  firmwareCurrent: 'firmware.already_current',
  versionConflict: 'version.conflict',
  idempotencyMismatch: 'idempotency.mismatch',
  validation: 'validation',
  rateLimited: 'rate_limited',
  internal: 'internal',
  unavailable: 'unavailable',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export function pageOf<T extends z.ZodMiniType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.nullable(z.string()),
    total: Count,
    serverTime: Timestamp,
  });
}

/** The language of an export's headers and values: the reader's, not the API's keys. */
export const ExportLanguage = z.enum(['zh-CN', 'en']);
export type ExportLanguage = z.infer<typeof ExportLanguage>;
