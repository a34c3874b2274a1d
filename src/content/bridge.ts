/**
 * The content script: a bridge between the page's window.sigil (MAIN world) and the background.
 * It tags nothing with an origin (the background takes it from the browser) and keeps every
 * request in flight until it is answered, re-sending it on a new Port if the worker was stopped.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { ErrorCode } from '../shared/errors';
import {
  CONTENT_TO_PAGE,
  PAGE_PORT,
  PAGE_TO_CONTENT,
  parsePortReply,
  type ContentReplyMessage,
  type PortRequest,
  type ReplyBody,
} from '../shared/wire';

interface InFlight {
  pageId: string;
  request: PortRequest;
  resends: number;
}

/** A request re-sent this many times without an answer fails rather than looping forever. */
const MAX_RESENDS = 3;

const inFlight = new Map<string, InFlight>();
let port: Runtime.Port | null = null;

function toPage(message: ContentReplyMessage): void {
  window.postMessage(message, window.location.origin === 'null' ? '*' : window.location.origin);
}

function answerPage(entry: InFlight, reply: ReplyBody): void {
  inFlight.delete(entry.request.id);
  if ('error' in reply) {
    toPage({ channel: CONTENT_TO_PAGE, id: entry.pageId, error: reply.error });
  } else {
    toPage({ channel: CONTENT_TO_PAGE, id: entry.pageId, result: reply.result });
  }
}

function connect(): Runtime.Port {
  const next = browser.runtime.connect({ name: PAGE_PORT });
  next.onMessage.addListener((raw: unknown) => {
    const message = parsePortReply(raw);
    if (!message) return;
    if ('event' in message) {
      toPage({ channel: CONTENT_TO_PAGE, event: message.event, data: message.data });
      return;
    }
    const entry = inFlight.get(message.id);
    if (entry) answerPage(entry, message);
  });
  next.onDisconnect.addListener(() => {
    if (port === next) port = null;
    // The worker stopped (or reloaded): what it had not answered goes again on a fresh Port.
    if (inFlight.size > 0) queueMicrotask(resendInFlight);
  });
  return next;
}

function currentPort(): Runtime.Port {
  port ??= connect();
  return port;
}

function send(entry: InFlight): void {
  try {
    currentPort().postMessage(entry.request);
  } catch {
    answerPage(entry, { error: { code: ErrorCode.unavailable, message: 'Sigil is not available. Reload the page.' } });
  }
}

function resendInFlight(): void {
  for (const entry of [...inFlight.values()]) {
    entry.resends += 1;
    if (entry.resends > MAX_RESENDS) {
      answerPage(entry, { error: { code: ErrorCode.unavailable, message: 'Sigil stopped answering. Try again.' } });
    } else {
      send(entry);
    }
  }
}

window.addEventListener('message', (event: MessageEvent) => {
  if (event.source !== window) return;
  const data = event.data as { channel?: unknown; id?: unknown; method?: unknown; params?: unknown } | null;
  if (typeof data !== 'object' || data === null || data.channel !== PAGE_TO_CONTENT) return;
  if (typeof data.id !== 'string' || data.id.length === 0 || data.id.length > 100) return;
  const request: PortRequest = { id: crypto.randomUUID(), method: String(data.method).slice(0, 100), params: data.params };
  const entry: InFlight = { pageId: data.id, request, resends: 0 };
  inFlight.set(request.id, entry);
  send(entry);
});
