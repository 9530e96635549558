import { ErrorCode } from '@contract/schemas/common';
import { LastEventId } from '@contract/schemas/events';
import { type HandlerResult, type RequestContext, userOf } from '../context';
import { LiveStreamStart } from '../live-events';
import { SimProblem } from '../problem';

/**
 * `GET /events` (decision 023): a signed-in user's live stream. The answer's body is where the stream starts;
 * the host (the server, the MSW adapter) keeps the connection open and follows the feed from there.
 */
export function openLiveEvents(ctx: RequestContext): HandlerResult {
  const user = userOf(ctx);
  const sent = ctx.headers['last-event-id'];
  let lastEventId: number | null = null;
  if (sent !== undefined && sent.trim() !== '') {
    if (!LastEventId.safeParse(sent.trim()).success) {
      throw new SimProblem(
        400,
        ErrorCode.malformed,
        'Last-Event-ID must be the id of an event this stream sent (digits only); leave it out to start from now.',
      );
    }
    lastEventId = Number(sent.trim());
  }
  return {
    status: 200,
    headers: { 'content-type': 'text/event-stream' },
    body: new LiveStreamStart(
      { role: user.role, merchantIds: [...user.merchantIds], sessionKey: ctx.session!.idHash },
      lastEventId,
    ),
  };
}
