import { OPEN_COMMAND_STATUSES, type PasswordCommand } from '@contract/schemas/commands';
import type { TerminalDetail } from '@contract/schemas/terminals';

export function waitingCommandOf(terminal: TerminalDetail): PasswordCommand | null {
  const command = terminal.openCommand;
  return command && OPEN_COMMAND_STATUSES.includes(command.status) ? command : null;
}
