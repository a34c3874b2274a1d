/**
 * The one approval window. Its id lives in storage.session so that a restarted worker reuses the
 * window instead of opening a second one.
 */
import browser from 'webextension-polyfill';

const WINDOW_ID_KEY = 'sigil.approvalWindowId';
const WINDOW_SIZE = { width: 440, height: 700 };

async function storedWindowId(): Promise<number | null> {
  const value = (await browser.storage.session.get(WINDOW_ID_KEY))[WINDOW_ID_KEY];
  return typeof value === 'number' ? value : null;
}

async function stillOpen(windowId: number): Promise<boolean> {
  try {
    await browser.windows.get(windowId);
    return true;
  } catch {
    return false;
  }
}

/** Opens the window, or with `focus` brings the open one to the front. */
export async function ensureApprovalWindow(focus: boolean): Promise<void> {
  const current = await storedWindowId();
  if (current !== null && (await stillOpen(current))) {
    if (focus) await browser.windows.update(current, { focused: true }).catch(() => undefined);
    return;
  }
  const created = await browser.windows.create({ type: 'popup', url: browser.runtime.getURL('approve.html'), ...WINDOW_SIZE });
  if (created.id !== undefined) await browser.storage.session.set({ [WINDOW_ID_KEY]: created.id });
}

/** Closes the window because nothing waits any more; forgets it first so that closing it cancels nothing. */
export async function closeApprovalWindow(): Promise<void> {
  const current = await storedWindowId();
  if (current === null) return;
  await browser.storage.session.remove(WINDOW_ID_KEY);
  await browser.windows.remove(current).catch(() => undefined);
}

/** True (and the window forgotten) when `windowId` is the approval window the person just closed. */
export async function claimClosedApprovalWindow(windowId: number): Promise<boolean> {
  if ((await storedWindowId()) !== windowId) return false;
  await browser.storage.session.remove(WINDOW_ID_KEY);
  return true;
}
