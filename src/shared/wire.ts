/**
 * What travels between contexts. Page ↔ content script: window.postMessage on the page's own
 * origin, tagged with a channel name. Content script ↔ background and UI ↔ background: runtime Ports.
 */
// No schema library here: the content script and the in-page provider import this module, and their
// bundles have a 10 KB budget. The port request schema, used only by the background, is in port-request.ts.
import type { ErrorPayload } from './errors';
import { isErrorPayload } from './errors';
import type { PageEvent } from './page-api';

/** Page → content script. */
export const PAGE_TO_CONTENT = 'sigil:page-request';
/** Content script → page. */
export const CONTENT_TO_PAGE = 'sigil:content-reply';

/** Page → content script: the page listens to Sigil's events, so the background should know this frame. */
export const PAGE_SUBSCRIBE = 'sigil:page-subscribe';

/** Background → content script (tabs.sendMessage to the frame that subscribed): an event for the page. */
export const PAGE_EVENT = 'sigil:page-event';

export interface PageEventMessage {
  type: typeof PAGE_EVENT;
  /** The origin the background meant: a frame that navigated elsewhere drops the event. */
  origin: string;
  event: PageEvent;
  data?: unknown;
}

export function isPageEventMessage(value: unknown): value is PageEventMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  return message.type === PAGE_EVENT && typeof message.origin === 'string' && typeof message.event === 'string';
}

export const PAGE_PORT = 'sigil/page';
export const UI_PORT = 'sigil/ui';

export interface PageRequestMessage {
  channel: typeof PAGE_TO_CONTENT;
  id: string;
  method: string;
  params?: unknown;
}

export type ReplyBody = { result: unknown } | { error: ErrorPayload };

export type ContentReplyMessage =
  | ({ channel: typeof CONTENT_TO_PAGE; id: string } & ReplyBody)
  | { channel: typeof CONTENT_TO_PAGE; event: string; data?: unknown };

/** Content script → background over the page Port. `id` is unique per content script instance. */
export interface PortRequest {
  id: string;
  method: string;
  params?: unknown;
}

export type PortReply = ({ id: string } & ReplyBody) | { event: string; data?: unknown };

/** Parses what the background sends on a Port: a reply to a request id, or an event. */
export function parsePortReply(value: unknown): PortReply | null {
  if (typeof value !== 'object' || value === null) return null;
  const message = value as Record<string, unknown>;
  if (typeof message.event === 'string') return { event: message.event, data: message.data };
  if (typeof message.id !== 'string') return null;
  if ('error' in message) return isErrorPayload(message.error) ? { id: message.id, error: message.error } : null;
  return 'result' in message ? { id: message.id, result: message.result } : null;
}
