/**
 * What the browser's own events do to the wallet: the auto-lock alarm locks it once its deadline
 * has passed, and a browser start locks it (the browser also empties `storage.session` itself).
 */
import browser, { type Alarms } from 'webextension-polyfill';
import { AUTO_LOCK_ALARM, scheduleAutoLock } from './auto-lock-alarm';
import { session } from './services';
import { lockWallet } from './wallet-session';

async function onAlarm(alarm: Alarms.Alarm): Promise<void> {
  if (alarm.name !== AUTO_LOCK_ALARM) return;
  // Expiring announces the lock itself (see services.ts); still unlocked means activity moved the deadline.
  const check = await (await session()).expireIfDue();
  await scheduleAutoLock(check.state === 'unlocked' ? check.deadline : null);
}

/** Call synchronously on the background's first turn, so an alarm or a start that woke it is received. */
export function registerLifecycleListeners(): void {
  browser.alarms.onAlarm.addListener((alarm) => void onAlarm(alarm));
  browser.runtime.onStartup.addListener(() => void lockWallet());
}
