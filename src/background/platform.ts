/**
 * The few browser APIs the background's controllers use, as small interfaces. The composition root
 * (create-background.ts) passes the real ones; unit tests pass in-memory ones.
 */

/** `browser.alarms`: the auto-lock alarm. */
export interface AlarmApi {
  create(name: string, info: { when: number }): Promise<void> | void;
  clear(name: string): Promise<unknown>;
}

/** `browser.windows`: the one approval window. */
export interface WindowApi {
  /** Rejects when no such window is open. */
  get(windowId: number): Promise<unknown>;
  create(options: { type: 'popup'; url: string; width: number; height: number }): Promise<{ id?: number }>;
  update(windowId: number, options: { focused: true }): Promise<unknown>;
  remove(windowId: number): Promise<void>;
}

/** `browser.action`: the toolbar badge. */
export interface BadgeApi {
  setBadgeBackgroundColor(details: { color: string }): Promise<void>;
  setBadgeText(details: { text: string }): Promise<void>;
}

/** `browser.tabs.sendMessage` to one frame: wallet events for pages. */
export type SendToFrame = (tabId: number, message: unknown, options: { frameId: number }) => Promise<unknown>;

/** `fetch`, for posting documents to the resolver. */
export type Fetch = (input: URL, init: RequestInit) => Promise<Response>;

/** `browser.permissions.contains` for one origin pattern: whether Sigil may reach the resolver without CORS. */
export interface HostAccess {
  contains(originPattern: string): Promise<boolean>;
}
