import { ErrorCode } from '@contract/schemas/common';
import type { BulkResetJob, BulkResetRequest } from '@contract/schemas/terminals';
import { toIso } from '../clock';
import { type HandlerResult, type RequestContext, userOf } from '../context';
import { randomId } from '../hash';
import { SimProblem } from '../problem';
import { markChanged, openCommandOf, type SimState } from '../state';
import type { JobRecord } from '../types';
import { filterTerminals } from '../views/terminals';
import { inScope, notFound, requireRole } from './access';
import { audit } from './audit';
import { requireStepUp } from './auth';
import { queueCommand, requireTicket } from './commands';
import { verifierNeed, verifierOf } from './terminal-link';
import { checkNewPin, isRecentPin, policyProblem } from './void-password';

export const BULK_RATE_PER_SECOND = 200;

type JobResultView = BulkResetJob['results'][number];

/** Queued is not done: the terminal still takes the old PIN. */
export function jobView(state: SimState, job: JobRecord): BulkResetJob {
  let succeeded = 0;
  let failed = 0;
  let waiting = 0;
  const results = job.results.map((r): JobResultView => {
    if (r.error !== undefined || r.commandId === undefined) {
      failed++;
      return { ...r };
    }
    const command = state.commands.get(r.commandId);
    const status = command?.status ?? 'failed';
    if (status === 'applied') succeeded++;
    else if (status === 'queued' || status === 'delivered') waiting++;
    else failed++;
    const view: JobResultView = {
      tid: r.tid,
      commandId: r.commandId,
      commandStatus: status,
      online: state.world.terminalByTid.get(r.tid)?.online ?? false,
    };
    if (command?.appliedAt !== undefined) view.appliedAt = toIso(command.appliedAt);
    if (command?.failureReason !== undefined) view.failureReason = command.failureReason;
    return view;
  });
  const done = succeeded + failed;
  return {
    id: job.id,
    total: job.total,
    done,
    succeeded,
    failed,
    waiting,
    status: job.finishedAt !== null && done >= job.total ? 'finished' : 'running',
    createdAt: toIso(job.createdAt),
    results,
  };
}

/**
 * Hashed with each terminal's salt at once, so the job goes on after a reload without the PIN ever being
 * stored.
 */
export function createBulkReset(ctx: RequestContext): HandlerResult {
  requireRole(ctx, ['owner', 'support'], 'reset void passwords');
  requireStepUp(ctx);
  const body = ctx.body as BulkResetRequest;
  requireTicket(ctx, body.ticketId, body.reason);
  const policy = policyProblem(body.newPassword);
  if (policy) throw policy;
  const user = userOf(ctx);
  const { world } = ctx.state;
  const tids = body.terminalIds
    ? [...new Set(body.terminalIds)]
    : filterTerminals(ctx, body.filter ?? {}).map((t) => t.tid);
  if (tids.length === 0) {
    throw new SimProblem(422, ErrorCode.validation, 'No terminal matches.', {
      errors: [
        { field: body.terminalIds ? 'terminalIds' : 'filter', code: 'empty', message: 'no terminal matches' },
      ],
    });
  }
  const terminals = tids.map((tid) => {
    const terminal = world.terminalByTid.get(tid);
    // Another merchant's terminal fails like an unknown one, without saying more.
    return terminal && inScope(user, terminal.merchantId) ? terminal : null;
  });
  // All N hashes before anything changes; they are computed off the event loop, a few at a time (decision 014).
  const verifying = terminals.map((t) => (t ? verifierNeed(ctx, t, body.newPassword) : null));
  const hashes = ctx.hashes.of([
    ...terminals.flatMap((t) => (t ? [[t.voidPassword.salt, body.newPassword] as const] : [])),
    ...verifying.filter((need) => need !== null),
  ]);
  let next = 0;
  let nextVerifier = terminals.filter(Boolean).length;
  const pending = tids.map((tid, i): JobRecord['pending'][number] => {
    const terminal = terminals[i];
    if (!terminal) return { tid, hash: null };
    const { hash, reusedOtherScheme } = checkNewPin(
      ctx.state.hasher,
      terminal,
      body.newPassword,
      hashes[next++]!,
    );
    const need = verifying[i];
    const verifier = need ? verifierOf(need, hashes[nextVerifier++]!) : undefined;
    // A match in another hash scheme cannot be seen from the hash later: note it now.
    return {
      tid,
      hash,
      ...(reusedOtherScheme ? { reused: true } : {}),
      ...(verifier ? { verifier } : {}),
    };
  });
  const job: JobRecord = {
    id: randomId('job'),
    createdAt: ctx.now,
    requestedBy: user.name,
    requestedByUserId: user.id,
    role: user.role,
    total: pending.length,
    pending,
    results: [],
    succeeded: 0,
    failed: 0,
    finishedAt: null,
    ticketId: body.ticketId?.trim() || null,
    reason: body.reason?.trim() || null,
    clientIp: ctx.clientIp,
  };
  ctx.state.jobs.set(job.id, job);
  markChanged(ctx.state, 'jobs', job.id);
  audit(ctx, {
    action: 'bulk_reset.started',
    outcome: 'success',
    merchantId: user.role === 'support' ? (world.terminalByTid.get(tids[0]!)?.merchantId ?? null) : undefined,
    target: `${job.id} (${job.total} terminals)`,
    ticketId: job.ticketId,
    reason: job.reason,
  });
  return { body: { job: jobView(ctx.state, job) } };
}

export function getJob(ctx: RequestContext): HandlerResult {
  const user = userOf(ctx);
  const job = ctx.state.jobs.get(ctx.params.id!);
  if (!job || (job.requestedByUserId !== user.id && user.role !== 'support')) throw notFound('job');
  return { body: { job: jobView(ctx.state, job) } };
}

export function advanceJobs(state: SimState, now: number): boolean {
  let queued = false;
  for (const job of state.jobs.values()) {
    if (job.finishedAt !== null) continue;
    const due = Math.min(job.total, Math.floor(((now - job.createdAt) * BULK_RATE_PER_SECOND) / 1000));
    const user = state.userById.get(job.requestedByUserId);
    while (job.results.length < due) {
      const item = job.pending.shift();
      if (!item) break;
      const at = job.createdAt + Math.ceil(((job.results.length + 1) * 1000) / BULK_RATE_PER_SECOND);
      const terminal = item.hash ? state.world.terminalByTid.get(item.tid) : undefined;
      let error: string | null = null;
      if (!terminal || !item.hash || !user) error = ErrorCode.notFound;
      else if (openCommandOf(state, terminal.tid)) error = ErrorCode.commandAlreadyOpen;
      else if (item.reused || isRecentPin(terminal, item.hash)) error = ErrorCode.pinReused;
      if (error !== null || !terminal || !item.hash || !user) {
        job.results.push({ tid: item.tid, error: error ?? ErrorCode.notFound });
        job.failed++;
      } else {
        const command = queueCommand(state, {
          terminal,
          kind: 'reset',
          hash: item.hash,
          verifier: item.verifier,
          user,
          at,
          ticketId: job.ticketId ?? undefined,
          reason: job.reason ?? undefined,
          jobId: job.id,
        });
        job.results.push({ tid: item.tid, commandId: command.id });
        job.succeeded++;
        queued = true;
      }
    }
    if (job.results.length >= job.total)
      job.finishedAt = job.createdAt + Math.ceil((job.total * 1000) / BULK_RATE_PER_SECOND);
    markChanged(state, 'jobs', job.id);
  }
  return queued;
}
