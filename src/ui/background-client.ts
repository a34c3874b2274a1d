/**
 * The UI's only way to the background: one Port, typed by UiMessageMap. Reconnects on demand if the
 * worker was stopped; a request in flight when that happens is re-sent once, with the same id: the
 * background joins it to the first run or answers with that run's stored result, so a write (a key
 * replacement, a seed added) never happens twice.
 *
 * While a page listens to events it also reconnects on its own after a stop, and then tells its
 * listeners that everything may have changed: events sent while no Port was open are lost.
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

const ALL_EVENTS: readonly UiEvent[] = ['stateChanged', 'pendingChanged', 'entitiesChanged'];

const waiters = new Map<string, Waiter>();
const eventListeners = new Set<(event: UiEvent) => void>();
let port: Runtime.Port | null = null;
/** Ports in a row that closed without ever working: each one doubles the wait before the next. */
let failedPorts = 0;
let reconnectTimer: ReturnType<typeof setTimeout> | null = null;

function emit(event: UiEvent): void {
  for (const listener of [...eventListeners]) listener(event);
}

function connect(): Runtime.Port {
  const next = browser.runtime.connect({ name: UI_PORT });
  const openedAt = Date.now();
  let answered = false;
  next.onMessage.addListener((raw: unknown) => {
    const message = parsePortReply(raw);
    if (!message) return;
    answered = true;
    failedPorts = 0;
    if ('event' in message) {
      emit(message.event as UiEvent);
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
    if (!answered && Date.now() - openedAt < 1000) failedPorts += 1;
    for (const waiter of [...waiters.values()]) {
      if (waiter.resent) {
        waiters.delete(waiter.request.id);
        waiter.reject(new SigilError(ErrorCode.unavailable, 'Sigil stopped answering. Try again.'));
      } else {
        waiter.resent = true;
        post(waiter.request);
      }
    }
    if (eventListeners.size > 0) scheduleReconnect();
  });
  return next;
}

function scheduleReconnect(): void {
  if (reconnectTimer !== null) return;
  const delay = failedPorts === 0 ? 0 : Math.min(30_000, 500 * 2 ** (failedPorts - 1));
  reconnectTimer = setTimeout(() => {
    reconnectTimer = null;
    if (eventListeners.size === 0) return;
    port ??= connect();
    for (const event of ALL_EVENTS) emit(event);
  }, delay);
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
