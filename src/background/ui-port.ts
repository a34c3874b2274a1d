import type { Runtime } from 'webextension-polyfill';
import { uiPortRequestSchema } from '../shared/ui-api';
import { answerPort } from './port-server';
import { isOwnExtensionPage } from './sender';
import { routeUiRequest } from './ui-router';

/** Serves a Port from Sigil's own pages; any other sender is disconnected at once. */
export function serveUiPort(port: Runtime.Port): void {
  if (!isOwnExtensionPage(port.sender)) {
    port.disconnect();
    return;
  }
  answerPort(
    port,
    (raw) => {
      const request = uiPortRequestSchema.parse(raw, 'message');
      return { id: request.id, name: request.type, body: request.payload };
    },
    routeUiRequest,
  );
}
