import type { Runtime } from 'webextension-polyfill';
import { toErrorPayload } from '../shared/errors';
import type { PortReply } from '../shared/wire';

export interface PortEnvelope {
  id: string;
  name: string;
  body: unknown;
}

/**
 * Answers every well-formed envelope on a Port exactly once, with a result or an error payload.
 * Messages that don't parse have no id to answer to and are dropped.
 */
export function answerPort(
  port: Runtime.Port,
  parseEnvelope: (raw: unknown) => PortEnvelope,
  route: (name: string, body: unknown, id: string) => Promise<unknown>,
): void {
  let open = true;
  port.onDisconnect.addListener(() => {
    open = false;
  });
  const reply = (message: PortReply) => {
    if (open) port.postMessage(message);
  };
  port.onMessage.addListener((raw: unknown) => {
    let envelope: PortEnvelope;
    try {
      envelope = parseEnvelope(raw);
    } catch {
      return;
    }
    const { id } = envelope;
    route(envelope.name, envelope.body, id).then(
      (result) => reply({ id, result }),
      (error: unknown) => reply({ id, error: toErrorPayload(error) }),
    );
  });
}
