/**
 * Background entry (Chrome: module service worker; Firefox: event page). Listeners are registered
 * synchronously on the first turn so that a worker woken by a connection receives it.
 */
import browser from 'webextension-polyfill';
import { PAGE_PORT, UI_PORT } from '../shared/wire';
import { onWalletEvent } from './events';
import { servePagePort } from './page-port';
import { notifyUi, serveUiPort } from './ui-port';

browser.runtime.onConnect.addListener((port) => {
  if (port.name === PAGE_PORT) servePagePort(port);
  else if (port.name === UI_PORT) serveUiPort(port);
  else port.disconnect();
});

onWalletEvent((event) => {
  if (event.type === 'pendingChanged') notifyUi('pendingChanged');
  else if (event.type === 'entitiesChanged') notifyUi('entitiesChanged');
  else notifyUi('stateChanged');
});
