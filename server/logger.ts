/**
 * Structured logs: one JSON object a line. Callers pass named fields, never a request
 * body, a header or a cookie — that is how no password, PIN or token reaches a log.
 */
export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export function createLogger(
  write: (line: string) => void = (line) => process.stdout.write(line),
  level: 'info' | 'silent' = 'info',
): Logger {
  const emit = (severity: string, msg: string, fields: Record<string, unknown> = {}) =>
    write(`${JSON.stringify({ time: new Date().toISOString(), level: severity, msg, ...fields })}\n`);
  return {
    info: (msg, fields) => {
      if (level !== 'silent') emit('info', msg, fields);
    },
    error: (msg, fields) => emit('error', msg, fields),
  };
}

/** What may be logged of an error: its kind and message, which the simulator keeps free of secrets. */
export function errorFields(error: unknown): Record<string, unknown> {
  return error instanceof Error ? { error: error.name, message: error.message } : { error: String(error) };
}
