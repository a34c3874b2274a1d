/**
 * Background entry (Chrome: module service worker; Firefox: event page). Listeners are registered
 * synchronously on the first turn so that a worker woken by a connection receives it.
 */
import browser from 'webextension-polyfill';
import { PAGE_PORT, UI_PORT } from '../shared/wire';
import { registerApprovalListeners } from './approvals';
import { onWalletEvent } from './events';
import { registerLifecycleListeners } from './lifecycle';
import { clearKeyring, registerInBackground } from './identities';
import { servePagePort } from './page-port';
import { forwardWalletEventsToSites } from './permissions';
import { notifyUi, serveUiPort } from './ui-port';

browser.runtime.onConnect.addListener((port) => {
  if (port.name === PAGE_PORT) servePagePort(port);
  else if (port.name === UI_PORT) serveUiPort(port);
  else port.disconnect();
});

registerLifecycleListeners();
registerApprovalListeners();
forwardWalletEventsToSites();

onWalletEvent((event) => {
  if (event.type === 'pendingChanged') notifyUi('pendingChanged');
  else if (event.type === 'entitiesChanged') notifyUi('entitiesChanged');
  else notifyUi('stateChanged');
});

onWalletEvent((event) => {
  if (event.type === 'lock') clearKeyring();
  // Entities created while no resolver was reachable get registered at the next chance.
  if (event.type === 'unlock') registerInBackground();
});
