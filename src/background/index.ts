/**
 * Background entry (Chrome: module service worker; Firefox: event page). Listeners are registered
 * synchronously on the first turn so that a worker woken by a connection, an alarm or a closed
 * window receives it; the controllers are built on first use, once per worker lifetime.
 */
import browser from 'webextension-polyfill';
import { PAGE_PORT, UI_PORT } from '../shared/wire';
import { createBackground, type Background } from './create-background';
import { WalletEvents } from './events';
import { servePagePort } from './page-port';
import { forgetFrame, forgetFramePort, framesOf, rememberFrame } from './permissions/frame-registry';
import type { SendToFrame } from './platform';
import { isOwnExtensionPage, pageContextOf } from './sender';
import { openSigilDatabase, type SigilDatabase } from './storage';
import { UiPorts } from './ui-port';
import type { SessionStore } from './vault';

const startedAt = Date.now();
const events = new WalletEvents();
let backgroundPromise: Promise<Background> | null = null;

function background(): Promise<Background> {
  backgroundPromise ??= openSigilDatabase(indexedDB)
    .then((db: SigilDatabase) =>
      createBackground({
        db,
        sessionStore: browser.storage.session as unknown as SessionStore,
        alarms: browser.alarms,
        windows: browser.windows,
        badge: browser.action,
        sendToFrame: browser.tabs.sendMessage.bind(browser.tabs) as SendToFrame,
        frames: { framesOf, forgetFrame },
        fetch: (input, init) => fetch(input, init),
        hostAccess: { contains: (pattern) => browser.permissions.contains({ origins: [pattern] }) },
        events,
        now: Date.now,
        monotonicNow: () => performance.now(),
        newId: () => crypto.randomUUID(),
        approvalUrl: browser.runtime.getURL('approve.html'),
        about: {
          version: browser.runtime.getManifest().version,
          // Firefox is the only browser with runtime.getBrowserInfo.
          browser: typeof (browser.runtime as { getBrowserInfo?: unknown }).getBrowserInfo === 'function' ? 'firefox' : 'chrome',
          startedAt,
        },
      }),
    )
    .catch((error: unknown) => {
      backgroundPromise = null;
      throw error;
    });
  return backgroundPromise;
}

async function connectedOrigins(): Promise<ReadonlySet<string>> {
  return new Set((await (await background()).permissions.connectedSites()).map((site) => site.origin));
}

const uiPorts = new UiPorts(async (type, payload, id) => (await background()).uiRouter.route(type, payload, id), isOwnExtensionPage);

browser.runtime.onConnect.addListener((port) => {
  if (port.name === PAGE_PORT)
    servePagePort(port, {
      route: async (ctx, id, method, params) => (await background()).pageRouter.route(ctx, id, method, params),
      contextOf: pageContextOf,
      newPortId: () => crypto.randomUUID(),
      rememberFrame: (ctx, portId) => rememberFrame(ctx, portId, connectedOrigins),
      onPageGone: async (ctx, portId, requestIds) => {
        await Promise.allSettled([forgetFramePort(ctx, portId), background().then((b) => b.approvals.onPageGone(ctx, requestIds))]);
      },
    });
  else if (port.name === UI_PORT) uiPorts.serve(port);
  else port.disconnect();
});

browser.alarms.onAlarm.addListener((alarm) => {
  background()
    .then((b) => Promise.all([b.wallet.onAlarm(alarm.name), b.registrar.onAlarm(alarm.name)]))
    .catch(() => undefined);
});
// A browser start locks the wallet (the browser also empties storage.session itself).
browser.runtime.onStartup.addListener(() => {
  background().then((b) => b.wallet.lock()).catch(() => undefined);
});
// Closing the approval window must wake the worker and cancel what waits in it.
browser.windows.onRemoved.addListener((windowId) => {
  background().then((b) => b.approvals.onWindowRemoved(windowId)).catch(() => undefined);
});

events.on((event) => {
  if (event.type === 'pendingChanged') uiPorts.notify('pendingChanged');
  else if (event.type === 'entitiesChanged') uiPorts.notify('entitiesChanged');
  else uiPorts.notify('stateChanged');
});
