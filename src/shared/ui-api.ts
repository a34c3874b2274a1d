/**
 * Privileged messages from Sigil's own pages (popup, approval window) to the background. Kept apart
 * from the page API: a web page can never reach these, and these never carry a secret back.
 */
import { none, object, string, unknown, type Schema } from './schema';

export interface WalletStatus {
  version: string;
  browser: 'chrome' | 'firefox';
  /** When this background instance started (ms since epoch): tells a restarted worker apart. */
  backgroundStartedAt: number;
}

export interface UiMessageMap {
  ui_status: { request: undefined; response: WalletStatus };
}

export type UiMessage = keyof UiMessageMap;
export type UiRequest<M extends UiMessage> = UiMessageMap[M]['request'];
export type UiResponse<M extends UiMessage> = UiMessageMap[M]['response'];

export const uiRequestSchemas: { [M in UiMessage]: Schema<UiRequest<M>> } = {
  ui_status: none(),
};

export function isUiMessage(value: unknown): value is UiMessage {
  return typeof value === 'string' && Object.hasOwn(uiRequestSchemas, value);
}

export interface UiPortRequest {
  id: string;
  type: string;
  payload?: unknown;
}

export const uiPortRequestSchema: Schema<UiPortRequest> = object({
  id: string({ min: 1, max: 100 }),
  type: string({ min: 1, max: 100 }),
  payload: unknown(),
});
