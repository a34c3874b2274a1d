import type { Runtime } from 'webextension-polyfill';
import { uiPortRequestSchema, type UiEvent } from '../shared/ui-api';
import { answerPort } from './port-server';

/** The Ports of Sigil's own pages (popup, approval window): requests in, change notifications out. */
export class UiPorts {
  private readonly open = new Set<Runtime.Port>();

  constructor(
    /** The UI router's `route` (see ui-router.ts). */
    private readonly route: (type: string, payload: unknown, requestId: string) => Promise<unknown>,
    /** True for Sigil's own extension pages, the only senders of UI messages. */
    private readonly isOwnPage: (sender: Runtime.MessageSender | undefined) => boolean,
  ) {}

  /** Serves a Port from Sigil's own pages; any other sender is disconnected at once. */
  serve(port: Runtime.Port): void {
    if (!this.isOwnPage(port.sender)) {
      port.disconnect();
      return;
    }
    this.open.add(port);
    port.onDisconnect.addListener(() => this.open.delete(port));
    answerPort(
      port,
      (raw) => {
        const request = uiPortRequestSchema.parse(raw, 'message');
        return { id: request.id, name: request.type, body: request.payload };
      },
      (type, payload, id) => this.route(type, payload, id),
    );
  }

  /** Tells every open Sigil page that something it shows may have changed. Carries no data. */
  notify(event: UiEvent): void {
    for (const port of this.open) {
      try {
        port.postMessage({ event });
      } catch {
        this.open.delete(port);
      }
    }
  }
}
