import { z } from 'zod/mini';
import { CommandKind, PasswordCommandStatus } from './commands';
import { MerchantId, TerminalId, Timestamp } from './common';

// Live updates (`GET /events`, text/event-stream; decision 023). Each event is one SSE message: `id:` the
// event's number (resume with `Last-Event-ID`), `data:` one of these as JSON. Small on purpose: ids, the TID,
// the merchant, a status and a time. Never a PIN, password, temporary PIN, verifier, token or session id:
// an event says what changed, and the app reads the resource again through its own endpoint.

/** A command (void password or firmware update) moved: queued (made), delivered, applied, failed, expired or cancelled. */
export const CommandEvent = z.object({
  type: z.literal('command'),
  commandId: z.string(),
  kind: CommandKind,
  status: PasswordCommandStatus,
  merchantId: MerchantId,
  tid: TerminalId,
  jobId: z.optional(z.string()),
  at: Timestamp,
});
export type CommandEvent = z.infer<typeof CommandEvent>;

/** A sale or a void was made at a terminal. */
export const SaleEvent = z.object({
  type: z.literal('sale'),
  transactionId: z.string(),
  transactionType: z.enum(['sale', 'void']),
  merchantId: MerchantId,
  tid: TerminalId,
  at: Timestamp,
});
export type SaleEvent = z.infer<typeof SaleEvent>;

/**
 * An alert began or ended: a void password locked, a terminal on (or off) the factory PIN. (A void burst is
 * seen through the void's `sale` event; see decision 023.)
 */
export const LiveAlertKind = z.enum(['lockout', 'default_password', 'void_burst']);
export const AlertEvent = z.object({
  type: z.literal('alert'),
  alert: LiveAlertKind,
  /** True when the alert began, false when it ended (the lock lifted, the factory PIN replaced). */
  active: z.boolean(),
  merchantId: MerchantId,
  tid: TerminalId,
  at: Timestamp,
});
export type AlertEvent = z.infer<typeof AlertEvent>;

/** A terminal went online or offline. */
export const TerminalEvent = z.object({
  type: z.literal('terminal'),
  online: z.boolean(),
  merchantId: MerchantId,
  tid: TerminalId,
  at: Timestamp,
});
export type TerminalEvent = z.infer<typeof TerminalEvent>;

/**
 * Read everything again: the events after the `Last-Event-ID` sent are no longer kept (or it was not one of
 * this acquirer's), or the sandbox was reset.
 */
export const ResyncEvent = z.object({ type: z.literal('resync'), at: Timestamp });
export type ResyncEvent = z.infer<typeof ResyncEvent>;

export const LiveEvent = z.discriminatedUnion('type', [
  CommandEvent,
  SaleEvent,
  AlertEvent,
  TerminalEvent,
  ResyncEvent,
]);
export type LiveEvent = z.infer<typeof LiveEvent>;

/** A `Last-Event-ID` is the decimal number of an event. */
export const LastEventId = z.string().check(z.regex(/^\d{1,16}$/));

/** Seconds between heartbeat comments on an idle stream; a proxy's idle timeout must be longer. */
export const LIVE_HEARTBEAT_SECONDS = 15;
/** How long events are kept to resume from (the window a reconnect may come back within). */
export const LIVE_EVENTS_KEPT_MINUTES = 15;
