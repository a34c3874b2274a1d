/**
 * What the person sees of the queue outside Sigil's pages: the one approval window and the count on
 * the toolbar badge. The window's id lives in storage.session so that a restarted worker reuses the
 * window instead of opening a second one.
 */
import type { BadgeApi, WindowApi } from '../platform';
import type { SessionStore } from '../vault';

const WINDOW_ID_KEY = 'sigil.approvalWindowId';
const WINDOW_SIZE = { width: 440, height: 700 };
const BADGE_COLOUR = '#4c3dc9';

export interface ApprovalWindowDeps {
  windows: WindowApi;
  badge: BadgeApi;
  /** storage.session */
  store: SessionStore;
  /** The approval page's URL (approve.html). */
  url: string;
}

export class ApprovalWindow {
  constructor(private readonly deps: ApprovalWindowDeps) {}

  /** The toolbar badge shows how many requests wait for the person; nothing when none does. */
  async showCount(count: number): Promise<void> {
    await this.deps.badge.setBadgeBackgroundColor({ color: BADGE_COLOUR });
    await this.deps.badge.setBadgeText({ text: count > 0 ? String(count) : '' });
  }

  /**
   * Opens the window, or with `focus` brings the open one to the front. 'closedByPerson' when the
   * window Sigil opened is gone although the queue did not empty: the person closed it and its close
   * event has not been handled yet. It is then forgotten (so that event cancels nothing twice) and not
   * reopened: the caller turns down what waited, as the close event would have.
   */
  async ensureOpen(focus: boolean): Promise<'open' | 'closedByPerson'> {
    const { windows, store } = this.deps;
    const current = await this.storedId();
    if (current !== null) {
      if (!(await this.stillOpen(current))) {
        await store.remove(WINDOW_ID_KEY);
        return 'closedByPerson';
      }
      if (focus) await windows.update(current, { focused: true }).catch(() => undefined);
      return 'open';
    }
    const created = await windows.create({ type: 'popup', url: this.deps.url, ...WINDOW_SIZE });
    if (created.id !== undefined) await store.set({ [WINDOW_ID_KEY]: created.id });
    return 'open';
  }

  /** Closes the window because nothing waits any more; forgets it first so that closing it cancels nothing. */
  async close(): Promise<void> {
    const current = await this.storedId();
    if (current === null) return;
    await this.deps.store.remove(WINDOW_ID_KEY);
    await this.deps.windows.remove(current).catch(() => undefined);
  }

  /** True (and the window forgotten) when `windowId` is the approval window the person just closed. */
  async claimClosed(windowId: number): Promise<boolean> {
    if ((await this.storedId()) !== windowId) return false;
    await this.deps.store.remove(WINDOW_ID_KEY);
    return true;
  }

  private async storedId(): Promise<number | null> {
    const value = (await this.deps.store.get(WINDOW_ID_KEY))[WINDOW_ID_KEY];
    return typeof value === 'number' ? value : null;
  }

  private async stillOpen(windowId: number): Promise<boolean> {
    try {
      await this.deps.windows.get(windowId);
      return true;
    } catch {
      return false;
    }
  }
}
