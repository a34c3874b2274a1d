import type { Runtime } from 'webextension-polyfill';
import { portRequestSchema } from '../shared/wire';
import { onPageGone } from './approvals';
import { answerPort } from './port-server';
import { routePageRequest } from './page-router';
import { rememberFrame } from './permissions';
import { pageContextOf } from './sender';

/**
 * Serves one content script's Port. The origin is fixed from the browser's sender at connect time.
 * The frame is remembered so that wallet events reach it; when the Port closes while this worker
 * lives, the page went away and its requests leave the approval queue.
 */
export function servePagePort(port: Runtime.Port): void {
  const ctx = pageContextOf(port.sender);
  if (!ctx) {
    port.disconnect();
    return;
  }
  rememberFrame(ctx).catch(() => undefined);
  const requestIds = new Set<string>();
  port.onDisconnect.addListener(() => {
    onPageGone(ctx, new Set(requestIds)).catch(() => undefined);
  });
  answerPort(
    port,
    (raw) => {
      const request = portRequestSchema.parse(raw, 'request');
      return { id: request.id, name: request.method, body: request.params };
    },
    (method, params, id) => {
      requestIds.add(id);
      const answered = routePageRequest(ctx, id, method, params);
      const done = () => requestIds.delete(id);
      answered.then(done, done);
      return answered;
    },
  );
}
