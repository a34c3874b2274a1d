import type { Runtime } from 'webextension-polyfill';
import { portRequestSchema } from '../shared/wire';
import { answerPort } from './port-server';
import { routePageRequest } from './page-router';
import { pageContextOf } from './sender';

/** Serves one content script's Port. The origin is fixed from the browser's sender at connect time. */
export function servePagePort(port: Runtime.Port): void {
  const ctx = pageContextOf(port.sender);
  if (!ctx) {
    port.disconnect();
    return;
  }
  answerPort(
    port,
    (raw) => {
      const request = portRequestSchema.parse(raw, 'request');
      return { id: request.id, name: request.method, body: request.params };
    },
    (method, params, id) => routePageRequest(ctx, id, method, params),
  );
}
