/**
 * The content script: a bridge between the page's window.sigil (MAIN world) and the background.
 * It tags nothing with an origin (the background takes it from the browser) and keeps every
 * request in flight until it is answered, re-sending it (same id) on a new Port whenever the worker
 * was stopped — for as long as an approval stays open. The background answers a re-sent request
 * once: it finds the approval the first send queued instead of queueing another.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { ErrorCode } from '../shared/errors';
import {
  CONTENT_TO_PAGE,
  isPageEventMessage,
  PAGE_PORT,
  PAGE_SUBSCRIBE,
  PAGE_TO_CONTENT,
  parsePortReply,
  type ContentReplyMessage,
  type PortRequest,
  type ReplyBody,
} from '../shared/wire';
import { isJsonParams, OPAQUE_ORIGIN, PARAMS_NOT_JSON, randomRequestId } from './page-checks';
import { ReconnectPolicy } from './reconnect-policy';

interface InFlight {
  pageId: string;
  request: PortRequest;
}

const inFlight = new Map<string, InFlight>();
const reconnects = new ReconnectPolicy();
let port: Runtime.Port | null = null;
let resendTimer: ReturnType<typeof setTimeout> | null = null;

/** The document's origin ('null' when sandboxed or otherwise opaque; location.origin would name the URL's). */
const pageOrigin = self.origin;
const opaqueOrigin = pageOrigin === 'null';

function toPage(message: ContentReplyMessage): void {
  window.postMessage(message, opaqueOrigin ? '*' : pageOrigin);
}

function answerPage(entry: InFlight, reply: ReplyBody): void {
  inFlight.delete(entry.request.id);
  if ('error' in reply) {
    toPage({ channel: CONTENT_TO_PAGE, id: entry.pageId, error: reply.error });
  } else {
    toPage({ channel: CONTENT_TO_PAGE, id: entry.pageId, result: reply.result });
  }
}

function failAll(message: string): void {
  for (const entry of [...inFlight.values()]) answerPage(entry, { error: { code: ErrorCode.unavailable, message } });
}

function connect(): Runtime.Port {
  const next = browser.runtime.connect({ name: PAGE_PORT });
  const openedAt = Date.now();
  next.onMessage.addListener((raw: unknown) => {
    const message = parsePortReply(raw);
    if (!message || 'event' in message) return;
    reconnects.answered();
    const entry = inFlight.get(message.id);
    if (entry) answerPage(entry, message);
  });
  next.onDisconnect.addListener(() => {
    if (port === next) port = null;
    if (inFlight.size > 0) scheduleResend(Date.now() - openedAt);
  });
  return next;
}

/** The worker stopped (or reloaded): what it had not answered goes again on a fresh Port, which wakes it. */
function scheduleResend(portLifetimeMs: number): void {
  if (resendTimer !== null) return;
  const delay = reconnects.nextDelay(portLifetimeMs);
  if (delay === null) {
    failAll('Sigil stopped answering. Try again.');
    return;
  }
  resendTimer = setTimeout(() => {
    resendTimer = null;
    for (const entry of [...inFlight.values()]) send(entry);
  }, delay);
}

function send(entry: InFlight): void {
  try {
    port ??= connect();
    port.postMessage(entry.request);
  } catch {
    // The extension was reloaded or removed: this content script can no longer reach it.
    answerPage(entry, { error: { code: ErrorCode.unavailable, message: 'Sigil is not available. Reload the page.' } });
  }
}

/** Opens the Port without a request, so the background knows this frame and sends it events. */
function subscribe(): void {
  try {
    port ??= connect();
  } catch {
    // Sigil is gone; there will be no events.
  }
}

function refusePage(pageId: string, code: number, message: string): void {
  toPage({ channel: CONTENT_TO_PAGE, id: pageId, error: { code, message } });
}

window.addEventListener('message', (event: MessageEvent) => {
  if (event.source !== window) return;
  const data = event.data as { channel?: unknown; id?: unknown; method?: unknown; params?: unknown } | null;
  if (typeof data !== 'object' || data === null) return;
  if (data.channel === PAGE_SUBSCRIBE) {
    if (!opaqueOrigin) subscribe();
    return;
  }
  if (data.channel !== PAGE_TO_CONTENT) return;
  if (typeof data.id !== 'string' || data.id.length === 0 || data.id.length > 100) return;
  // An opaque origin can never be connected (origins come from the browser, and this one has none).
  if (opaqueOrigin) return refusePage(data.id, ErrorCode.unauthorized, OPAQUE_ORIGIN);
  // Checked here, not left to the Port: Chrome's Port would throw on it (and Firefox's would carry it).
  if (!isJsonParams(data.params)) return refusePage(data.id, ErrorCode.invalidParams, PARAMS_NOT_JSON);
  const request: PortRequest = { id: randomRequestId(), method: String(data.method).slice(0, 100), params: data.params };
  const entry: InFlight = { pageId: data.id, request };
  inFlight.set(request.id, entry);
  send(entry);
});

/** Events from the background, for this frame's origin only (the frame may have navigated since it registered). */
browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (sender.id !== browser.runtime.id || !isPageEventMessage(message)) return undefined;
  if (message.origin !== pageOrigin) return Promise.resolve(false);
  toPage({ channel: CONTENT_TO_PAGE, event: message.event, data: message.data });
  return Promise.resolve(true);
});
