import { OPEN_COMMAND_STATUSES, type PasswordCommand } from '@/api/schemas/commands';
import type { TerminalDetail } from '@/api/schemas/terminals';

export function waitingCommandOf(terminal: TerminalDetail): PasswordCommand | null {
  const command = terminal.openCommand;
  return command && OPEN_COMMAND_STATUSES.includes(command.status) ? command : null;
}
