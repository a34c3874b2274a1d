import browser from 'webextension-polyfill';

const BADGE_COLOUR = '#4c3dc9';

/** The toolbar badge shows how many requests wait for the person; nothing when none does. */
export async function showPendingCount(count: number): Promise<void> {
  await browser.action.setBadgeBackgroundColor({ color: BADGE_COLOUR });
  await browser.action.setBadgeText({ text: count > 0 ? String(count) : '' });
}
