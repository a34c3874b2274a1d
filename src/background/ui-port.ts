import type { Runtime } from 'webextension-polyfill';
import { uiPortRequestSchema, type UiEvent } from '../shared/ui-api';
import { answerPort } from './port-server';
import { isOwnExtensionPage } from './sender';
import { routeUiRequest } from './ui-router';

const openUiPorts = new Set<Runtime.Port>();

/** Serves a Port from Sigil's own pages; any other sender is disconnected at once. */
export function serveUiPort(port: Runtime.Port): void {
  if (!isOwnExtensionPage(port.sender)) {
    port.disconnect();
    return;
  }
  openUiPorts.add(port);
  port.onDisconnect.addListener(() => openUiPorts.delete(port));
  answerPort(
    port,
    (raw) => {
      const request = uiPortRequestSchema.parse(raw, 'message');
      return { id: request.id, name: request.type, body: request.payload };
    },
    (type, payload) => routeUiRequest(type, payload),
  );
}

/** Tells every open Sigil page that something it shows may have changed. Carries no data. */
export function notifyUi(event: UiEvent): void {
  for (const port of openUiPorts) {
    try {
      port.postMessage({ event });
    } catch {
      openUiPorts.delete(port);
    }
  }
}
