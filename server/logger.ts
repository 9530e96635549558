// Callers pass named fields, never a body, header or cookie: that keeps secrets out of the log.
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

// Not the stack or the cause: only the message, which the simulator keeps free of secrets.
export function errorFields(error: unknown): Record<string, unknown> {
  return error instanceof Error ? { error: error.name, message: error.message } : { error: String(error) };
}
