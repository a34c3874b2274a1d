/**
 * The UI's only way to the background: one Port, typed by UiMessageMap. Reconnects on demand if the
 * worker was stopped; a request in flight when that happens is re-sent once.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { ErrorCode, SigilError } from '../shared/errors';
import type { UiEvent, UiMessage, UiPortRequest, UiRequest, UiResponse } from '../shared/ui-api';
import { parsePortReply, UI_PORT } from '../shared/wire';

interface Waiter {
  request: UiPortRequest;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
  resent: boolean;
}

const waiters = new Map<string, Waiter>();
const eventListeners = new Set<(event: UiEvent) => void>();
let port: Runtime.Port | null = null;

function connect(): Runtime.Port {
  const next = browser.runtime.connect({ name: UI_PORT });
  next.onMessage.addListener((raw: unknown) => {
    const message = parsePortReply(raw);
    if (!message) return;
    if ('event' in message) {
      for (const listener of eventListeners) listener(message.event as UiEvent);
      return;
    }
    const waiter = waiters.get(message.id);
    if (!waiter) return;
    waiters.delete(message.id);
    if ('error' in message) {
      waiter.reject(new SigilError(message.error.code, message.error.message, message.error.data));
    } else {
      waiter.resolve(message.result);
    }
  });
  next.onDisconnect.addListener(() => {
    if (port === next) port = null;
    for (const waiter of [...waiters.values()]) {
      if (waiter.resent) {
        waiters.delete(waiter.request.id);
        waiter.reject(new SigilError(ErrorCode.unavailable, 'Sigil stopped answering. Try again.'));
      } else {
        waiter.resent = true;
        post(waiter.request);
      }
    }
  });
  return next;
}

function post(request: UiPortRequest): void {
  port ??= connect();
  port.postMessage(request);
}

export function callBackground<M extends UiMessage>(type: M, payload: UiRequest<M>): Promise<UiResponse<M>> {
  const request: UiPortRequest = { id: crypto.randomUUID(), type, payload };
  return new Promise((resolve, reject) => {
    waiters.set(request.id, { request, resolve: resolve as (value: unknown) => void, reject, resent: false });
    post(request);
  });
}

/** Listens to the background's change notifications; opens the Port if needed. Returns an unsubscribe. */
export function onBackgroundEvent(listener: (event: UiEvent) => void): () => void {
  eventListeners.add(listener);
  port ??= connect();
  return () => eventListeners.delete(listener);
}
