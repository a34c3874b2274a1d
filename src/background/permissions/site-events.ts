/**
 * sigil.on('entitiesChanged' | 'lock' | 'unlock' | 'disconnect'): wallet events delivered to the
 * frames of connected origins only. The content script checks the origin again before the page sees it.
 */
import browser from 'webextension-polyfill';
import { PAGE_EVENT, type PageEventMessage } from '../../shared/wire';
import type { PageEvent } from '../../shared/page-api';
import { onWalletEvent, type WalletEvent } from '../events';
import { database } from '../services';
import { getEntity } from '../storage';
import { forgetFrame, framesOf } from './frame-registry';
import { connectedEntities } from './shared-entities';
import { connectedSites } from './sites';

type EventData = (origin: string) => Promise<unknown>;

const noData: EventData = async () => undefined;
const entitiesData: EventData = async (origin) => ({ entities: await connectedEntities(origin) });
const disconnectData: EventData = async () => ({ code: 4100, message: 'Sigil disconnected this site.' });

async function deliver(origins: ReadonlySet<string>, event: PageEvent, dataFor: EventData): Promise<void> {
  if (origins.size === 0) return;
  const frames = await framesOf(origins);
  await Promise.all(
    frames.map(async (frame) => {
      let data: unknown;
      try {
        data = await dataFor(frame.origin);
      } catch {
        return; // e.g. disconnected meanwhile: that origin no longer gets entity events
      }
      const message: PageEventMessage = { type: PAGE_EVENT, origin: frame.origin, event, data };
      const delivered = await browser.tabs
        .sendMessage(frame.tabId, message, { frameId: frame.frameId })
        .then((answer) => answer === true, () => false);
      // Nobody there any more, or a page of another origin: stop sending to that frame.
      if (!delivered) await forgetFrame(frame);
    }),
  );
}

async function connectedOrigins(): Promise<Set<string>> {
  return new Set((await connectedSites()).map((site) => site.origin));
}

/** Origins that share one of `dids`; every connected origin when one of them was removed from the wallet. */
async function originsAffectedBy(dids: readonly string[]): Promise<Set<string>> {
  const sites = await connectedSites();
  const db = await database();
  const removed = (await Promise.all(dids.map((did) => getEntity(db, did)))).some((entity) => entity === undefined);
  return new Set(sites.filter((site) => removed || site.sharedDids.some((did) => dids.includes(did))).map((site) => site.origin));
}

async function forward(event: WalletEvent): Promise<void> {
  switch (event.type) {
    case 'lock':
    case 'unlock':
      return deliver(await connectedOrigins(), event.type, noData);
    case 'entitiesChanged':
      return deliver(await originsAffectedBy(event.dids), 'entitiesChanged', entitiesData);
    case 'siteDisconnected':
      return deliver(new Set([event.origin]), 'disconnect', disconnectData);
    default:
  }
}

/** Tells the frames of `origin` that what it sees changed (e.g. right after it was connected). */
export function notifySiteEntities(origin: string): Promise<void> {
  return deliver(new Set([origin]), 'entitiesChanged', entitiesData);
}

export function forwardWalletEventsToSites(): void {
  onWalletEvent((event) => {
    forward(event).catch(() => undefined);
  });
}
