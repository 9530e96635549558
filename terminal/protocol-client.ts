import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  sign,
} from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ProblemDetails } from '@contract/schemas/common';
import {
  type ActivateRequest,
  ActivateResponse,
  type CheckInRequest,
  CheckInResponse,
  type CommandAck,
  CommandAckResponse,
  ED25519_SPKI_PREFIX_HEX,
  signedMessage,
  TERMINAL_BASE_PATH,
  terminalEndpoints,
  TerminalErrorCode,
  TerminalHeader,
  type SettleRequest,
  SettleResponse,
  type TerminalPinChange,
  TerminalPinChanged,
  type TerminalTransaction,
  TransactionUploaded,
} from '@contract/terminal-protocol';

const ED25519_SPKI_PREFIX = Buffer.from(ED25519_SPKI_PREFIX_HEX, 'hex');

/** A terminal's own key pair: it never leaves the emulator's state file. */
export interface TerminalKeys {
  /** PKCS#8 PEM. */
  privateKeyPem: string;
  /** Raw 32 bytes, base64, as `ActivateRequest.publicKey` takes it. */
  publicKey: string;
}

export function newTerminalKeys(): TerminalKeys {
  const { privateKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicKey: rawPublicKey(privateKey),
  };
}

export function rawPublicKey(privateKey: KeyObject): string {
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return spki.subarray(ED25519_SPKI_PREFIX.length).toString('base64');
}

/** Who signs a request: the TID it claims and the key that proves it. */
export interface TerminalCredential {
  tid: string;
  privateKey: KeyObject;
}

export function credentialOf(tid: string, privateKeyPem: string): TerminalCredential {
  return { tid, privateKey: createPrivateKey(privateKeyPem) };
}

/**
 * The four signature headers. Called once per attempt: a retried request gets a new nonce and timestamp,
 * because the acquirer refuses a nonce it has seen (`terminal.nonce_reused`).
 */
export function signatureHeaders(
  credential: TerminalCredential,
  request: { method: string; path: string; body: string },
  now: number = Date.now(),
): Record<string, string> {
  const timestamp = String(now);
  const nonce = randomBytes(18).toString('base64url');
  const message = signedMessage({ ...request, tid: credential.tid, timestamp, nonce });
  return {
    [TerminalHeader.tid]: credential.tid,
    [TerminalHeader.timestamp]: timestamp,
    [TerminalHeader.nonce]: nonce,
    [TerminalHeader.signature]: sign(null, Buffer.from(message, 'utf8'), credential.privateKey).toString(
      'base64',
    ),
  };
}

/** The acquirer answered, but not with what was asked: a problem document, or an answer out of contract. */
export class TerminalProtocolError extends Error {
  constructor(
    readonly status: number,
    /** The problem's `code` (`TerminalErrorCode` for the 401s); null when the answer was no problem document. */
    readonly code: string | null,
    readonly detail: string | null,
  ) {
    super(`HTTP ${status}${code ? ` ${code}` : ''}${detail ? `: ${detail}` : ''}`);
    this.name = 'TerminalProtocolError';
  }
}

/** No answer came: the connection failed or timed out, on every attempt. */
export class TerminalUnreachableError extends Error {
  constructor(
    /** A system error code (ECONNREFUSED…) or 'timeout'. */
    readonly reason: string,
  ) {
    super(`The acquirer did not answer (${reason}).`);
    this.name = 'TerminalUnreachableError';
  }
}

// The request never left this host, so the acquirer cannot have acted on it.
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function failureReason(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return 'timeout';
  }
  const cause = error instanceof Error ? (error.cause as { code?: unknown; errors?: unknown[] }) : undefined;
  const code = cause?.code ?? (cause?.errors?.[0] as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : 'network';
}

export interface ProtocolClientOptions {
  /** The acquirer's URL, e.g. http://127.0.0.1:8787; the protocol lives under its `/terminal/v1`. */
  serverUrl: string;
  timeoutMs?: number;
  /** Attempts after the first, on network errors only. */
  retries?: number;
  retryDelayMs?: number;
}

type RetryWhen = 'unanswered' | 'not_sent';

/** The one thing used of a contract schema, so the emulator needs nothing but the contract. */
interface AnswerSchema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false };
}

export class ProtocolClient {
  readonly #basePath: string;
  readonly #origin: string;
  readonly #timeoutMs: number;
  readonly #retries: number;
  readonly #retryDelayMs: number;
  /**
   * The acquirer's clock less this host's. A POS sets its clock by its acquirer's: the timestamps it signs
   * must be within minutes of the acquirer's (a sandbox's clock may even have been moved on).
   */
  #clockOffsetMs = 0;

  get clockOffsetMs(): number {
    return this.#clockOffsetMs;
  }

  constructor(options: ProtocolClientOptions) {
    const url = new URL(options.serverUrl);
    this.#origin = url.origin;
    this.#basePath = url.pathname.replace(/\/+$/, '') + TERMINAL_BASE_PATH;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#retries = options.retries ?? 2;
    this.#retryDelayMs = options.retryDelayMs ?? 500;
  }

  /**
   * Signed with the new key, so the acquirer learns it with proof the terminal holds it. Retried only when
   * nothing reached the acquirer: an activation it did take spends the code, and a resend would be refused.
   */
  activate(tid: string, keys: TerminalKeys, activationCode: string): Promise<ActivateResponse> {
    const body: ActivateRequest = { activationCode, publicKey: keys.publicKey };
    return this.#send(
      terminalEndpoints.activate.path,
      credentialOf(tid, keys.privateKeyPem),
      body,
      ActivateResponse,
      'not_sent',
    );
  }

  checkIn(credential: TerminalCredential, body: CheckInRequest): Promise<CheckInResponse> {
    return this.#send(terminalEndpoints.checkIn.path, credential, body, CheckInResponse, 'unanswered');
  }

  /**
   * A void password set at the terminal. Retried only when nothing reached the acquirer: a change it did take
   * must not be sent again blindly (it would be refused as `pin.reused` anyway). Its refusals are 422s with
   * the dashboard's PIN codes (`pin.format`, `pin.too_simple`, `pin.default`, `pin.reused`).
   */
  changeVoidPassword(credential: TerminalCredential, body: TerminalPinChange): Promise<TerminalPinChanged> {
    return this.#send(
      terminalEndpoints.changeVoidPassword.path,
      credential,
      body,
      TerminalPinChanged,
      'not_sent',
    );
  }

  /** The acquirer answers a repeated acknowledgement as the first, so a resend is harmless. */
  ackCommand(
    credential: TerminalCredential,
    commandId: string,
    ack: CommandAck,
  ): Promise<CommandAckResponse> {
    const path = terminalEndpoints.ackCommand.path.replace(':id', encodeURIComponent(commandId));
    return this.#send(path, credential, ack, CommandAckResponse, 'unanswered');
  }

  /** A sale or void; the acquirer takes the same upload again as a duplicate, so a resend is harmless. */
  uploadTransaction(credential: TerminalCredential, body: TerminalTransaction): Promise<TransactionUploaded> {
    return this.#send(
      terminalEndpoints.uploadTransaction.path,
      credential,
      body,
      TransactionUploaded,
      'unanswered',
    );
  }

  /** A batch settled again is only reconciled again, so a resend is harmless. */
  settle(credential: TerminalCredential, body: SettleRequest): Promise<SettleResponse> {
    return this.#send(terminalEndpoints.settle.path, credential, body, SettleResponse, 'unanswered');
  }

  async #send<T>(
    endpointPath: string,
    credential: TerminalCredential,
    payload: unknown,
    schema: AnswerSchema<T>,
    retryWhen: RetryWhen,
  ): Promise<T> {
    const path = this.#basePath + endpointPath;
    const body = JSON.stringify(payload);
    let clockSet = false;
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(this.#origin + path, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/json, application/problem+json',
            ...signatureHeaders(credential, { method: 'POST', path, body }, Date.now() + this.#clockOffsetMs),
          },
          body,
          signal: AbortSignal.timeout(this.#timeoutMs),
        });
      } catch (error) {
        const reason = failureReason(error);
        const retryable = retryWhen === 'unanswered' || NOT_SENT.has(reason);
        if (!retryable || attempt >= this.#retries) throw new TerminalUnreachableError(reason);
        await sleep(this.#retryDelayMs * 3 ** attempt);
        continue;
      }
      try {
        const answer = await parseAnswer(response, schema);
        this.#setClock(answer);
        return answer;
      } catch (error) {
        // Refused for its clock alone, so nothing changed: set the clock by the acquirer's answer, sign again.
        const acquirerTime = Date.parse(response.headers.get('date') ?? '');
        if (
          clockSet ||
          !(error instanceof TerminalProtocolError) ||
          error.code !== TerminalErrorCode.staleTimestamp ||
          Number.isNaN(acquirerTime)
        ) {
          throw error;
        }
        // An HTTP date is whole seconds: half of one is the best guess of the rest.
        this.#clockOffsetMs = acquirerTime + 500 - Date.now();
        clockSet = true;
      }
    }
  }

  #setClock(answer: unknown): void {
    const serverTime = (answer as { serverTime?: unknown }).serverTime;
    if (typeof serverTime !== 'string') return;
    const at = Date.parse(serverTime);
    if (!Number.isNaN(at)) this.#clockOffsetMs = at - Date.now();
  }
}

async function parseAnswer<T>(response: Response, schema: AnswerSchema<T>): Promise<T> {
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const problem = ProblemDetails.safeParse(json);
    throw problem.success
      ? new TerminalProtocolError(
          response.status,
          problem.data.code,
          problem.data.detail ?? problem.data.title,
        )
      : new TerminalProtocolError(response.status, null, null);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new TerminalProtocolError(
      response.status,
      null,
      'The answer does not match the terminal protocol.',
    );
  }
  return parsed.data;
}
