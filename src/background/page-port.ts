import type { Runtime } from 'webextension-polyfill';
import { portRequestSchema } from '../shared/port-request';
import { answerPort } from './port-server';
import type { PageContext } from './sender';

export interface PagePortDeps {
  /** The page router's `route` (see page-router.ts). */
  route: (ctx: PageContext, requestId: string, method: string, params: unknown) => Promise<unknown>;
  /** The browser-reported origin and frame of the Port, or null when it is not a page Sigil serves. */
  contextOf: (sender: Runtime.MessageSender | undefined) => PageContext | null;
  /** Remembers the frame (seen on Port `portId`) so that wallet events reach it. */
  rememberFrame: (ctx: PageContext, portId: string) => Promise<void>;
  /** The page's Port `portId` closed: its frame is forgotten and its requests leave the approval queue. */
  onPageGone: (ctx: PageContext, portId: string, requestIds: ReadonlySet<string>) => Promise<void>;
  newPortId: () => string;
}

/**
 * Serves one content script's Port. The origin is fixed from the browser's sender at connect time.
 * When the Port closes while this worker lives, the page went away and its requests are dropped.
 */
export function servePagePort(port: Runtime.Port, deps: PagePortDeps): void {
  const ctx = deps.contextOf(port.sender);
  if (!ctx) {
    port.disconnect();
    return;
  }
  const portId = deps.newPortId();
  deps.rememberFrame(ctx, portId).catch(() => undefined);
  const requestIds = new Set<string>();
  port.onDisconnect.addListener(() => {
    deps.onPageGone(ctx, portId, new Set(requestIds)).catch(() => undefined);
  });
  answerPort(
    port,
    (raw) => {
      const request = portRequestSchema.parse(raw, 'request');
      return { id: request.id, name: request.method, body: request.params };
    },
    (method, params, id) => {
      requestIds.add(id);
      const answered = deps.route(ctx, id, method, params);
      const done = () => requestIds.delete(id);
      answered.then(done, done);
      return answered;
    },
  );
}
