import { ErrorCode, SigilError } from '../shared/errors';
import { isUiMessage, uiRequestSchemas, type UiMessage, type UiRequest, type UiResponse } from '../shared/ui-api';
import type { UiHandler, UiHandlers } from './ui-handlers';

/**
 * Routes messages from Sigil's own pages: validates the payload against the message's schema and
 * runs its handler. A request re-sent with the same id while its first run is still going (the
 * client's Port dropped, this worker lived on) joins that run; once it finished, the handlers that
 * write answer it from the stored result (see request-once.ts).
 */
export class UiRouter {
  private readonly running = new Map<string, Promise<unknown>>();

  constructor(
    private readonly handlers: UiHandlers,
    /** What the person does in Sigil's pages keeps the wallet unlocked. */
    private readonly recordActivity: () => Promise<void>,
  ) {}

  route(type: string, payload: unknown, requestId: string): Promise<unknown> {
    const inFlight = this.running.get(requestId);
    if (inFlight) return inFlight;
    const run = (async () => {
      if (!isUiMessage(type)) throw new SigilError(ErrorCode.unsupportedMethod, 'Unknown request.');
      return this.dispatch(type, payload, requestId);
    })();
    this.running.set(requestId, run);
    const forget = () => this.running.delete(requestId);
    run.then(forget, forget);
    return run;
  }

  private async dispatch<M extends UiMessage>(type: M, payload: unknown, requestId: string): Promise<UiResponse<M>> {
    const handler = this.handlers[type] as UiHandler<M>;
    const parsed: UiRequest<M> = uiRequestSchemas[type].parse(payload, 'payload');
    // The popup polling its state is not the person doing something.
    if (type !== 'ui_state') await this.recordActivity();
    return handler(parsed, { requestId });
  }
}
