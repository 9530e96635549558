import { ErrorCode } from '@contract/schemas/common';
import type {
  BulkFirmwareUpdateRequest,
  BulkFirmwareUpdateResponse,
  BulkFirmwareUpdateResult,
} from '@contract/schemas/firmware';
import { FIRMWARE_BULK_MAX } from '@contract/schemas/firmware';
import { type HandlerResult, type RequestContext, userOf } from '../context';
import { firmwareUpdateOf } from '../data/firmware';
import { SimProblem } from '../problem';
import { openCommandOf } from '../state';
import type { TerminalRecord } from '../types';
import { filterTerminals } from '../views/terminals';
import { inScope, requireRole, terminalInScope } from './access';
import { audit } from './audit';
import { alreadyOpen, commandView, queueCommand } from './commands';

// Decision 024: a firmware update is a command like a PIN change (one open per terminal, cancellable while
// queued, delivered at the next contact, applied when the terminal says so), with the target release instead
// of a PIN. No secret, so no step-up and no ticket: the audit trail names who asked.

const WHO = ['owner', 'support'] as const;

function schedule(ctx: RequestContext, terminal: TerminalRecord, version: string) {
  const command = queueCommand(ctx.state, {
    terminal,
    kind: 'firmware',
    firmwareVersion: version,
    user: userOf(ctx),
    at: ctx.now,
  });
  audit(ctx, {
    action: 'firmware.update_requested',
    outcome: 'success',
    merchantId: terminal.merchantId,
    tid: terminal.tid,
    target: `${command.id} (${terminal.firmware} → ${version})`,
  });
  return command;
}

export function scheduleFirmwareUpdate(ctx: RequestContext): HandlerResult {
  requireRole(ctx, WHO, 'schedule a firmware update (the owner or support can)');
  const terminal = terminalInScope(ctx, ctx.params.tid!);
  const version = firmwareUpdateOf(terminal);
  if (version === null) {
    throw new SimProblem(
      409,
      ErrorCode.firmwareCurrent,
      `The terminal already runs the current firmware of its model (${terminal.firmware}).`,
    );
  }
  const open = openCommandOf(ctx.state, terminal.tid);
  if (open) throw alreadyOpen(open);
  return { body: { command: commandView(schedule(ctx, terminal, version)) } };
}

/** At once, terminal by terminal, for at most FIRMWARE_BULK_MAX terminals; the rest is refused as a whole. */
export function bulkFirmwareUpdate(ctx: RequestContext): HandlerResult {
  requireRole(ctx, WHO, 'schedule firmware updates (the owner or support can)');
  const body = ctx.body as BulkFirmwareUpdateRequest;
  const user = userOf(ctx);
  const tids = body.terminalIds
    ? [...new Set(body.terminalIds)]
    : filterTerminals(ctx, body.filter ?? {}).map((t) => t.tid);
  const field = body.terminalIds ? 'terminalIds' : 'filter';
  if (tids.length === 0) {
    throw new SimProblem(422, ErrorCode.validation, 'No terminal matches.', {
      errors: [{ field, code: 'empty', message: 'no terminal matches' }],
    });
  }
  if (tids.length > FIRMWARE_BULK_MAX) {
    throw new SimProblem(
      422,
      ErrorCode.validation,
      `${tids.length} terminals match; schedule at most ${FIRMWARE_BULK_MAX} at once (narrow the filter).`,
      { errors: [{ field, code: 'too_many', message: `at most ${FIRMWARE_BULK_MAX} terminals` }] },
    );
  }
  const response: BulkFirmwareUpdateResponse = {
    total: tids.length,
    scheduled: 0,
    alreadyCurrent: 0,
    busy: 0,
    notFound: 0,
    results: [],
  };
  for (const tid of tids) {
    const terminal = ctx.state.world.terminalByTid.get(tid);
    let result: BulkFirmwareUpdateResult;
    // Another merchant's terminal answers like an unknown one.
    if (!terminal || !inScope(user, terminal.merchantId)) {
      result = { tid, result: 'not_found' };
      response.notFound++;
    } else {
      const version = firmwareUpdateOf(terminal);
      const open = openCommandOf(ctx.state, tid);
      if (version === null) {
        result = { tid, result: 'already_current' };
        response.alreadyCurrent++;
      } else if (open) {
        result = { tid, result: 'busy', commandId: open.id };
        response.busy++;
      } else {
        const command = schedule(ctx, terminal, version);
        result = { tid, result: 'scheduled', commandId: command.id, firmwareVersion: version };
        response.scheduled++;
      }
    }
    response.results.push(result);
  }
  return { body: response };
}
