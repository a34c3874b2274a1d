/**
 * The auto-lock timer is a `chrome.alarms` alarm (a worker the browser stopped is woken for it).
 * It is armed at the session's deadline on unlock and on settings changes; activity only moves the
 * deadline in the session, and the alarm, when it fires early, re-arms itself (see lifecycle.ts).
 */
import browser from 'webextension-polyfill';
import { session } from './services';

export const AUTO_LOCK_ALARM = 'sigil.autoLock';

/** Schedules the alarm at `deadline`, or clears it when there is none (locked, or auto-lock 'never'). */
export async function scheduleAutoLock(deadline: number | null): Promise<void> {
  if (deadline === null) await browser.alarms.clear(AUTO_LOCK_ALARM);
  else await browser.alarms.create(AUTO_LOCK_ALARM, { when: deadline });
}

/** Arms the alarm at the current session's deadline. */
export async function armAutoLock(): Promise<void> {
  await scheduleAutoLock(await (await session()).lockDeadline());
}
