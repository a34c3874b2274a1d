/**
 * sigil.on('entitiesChanged' | 'lock' | 'unlock' | 'disconnect'): wallet events delivered to the
 * frames of connected origins only. The content script checks the origin again before the page sees it.
 */
import type { PageEvent } from '../../shared/page-api';
import { PAGE_EVENT, type PageEventMessage } from '../../shared/wire';
import type { WalletEvent, WalletEvents } from '../events';
import type { SendToFrame } from '../platform';
import { getEntity, type SigilDatabase } from '../storage';
import type { PageFrame } from './frame-registry';
import type { PermissionsController } from './permissions-controller';

/** Where the frames that talked to Sigil are remembered (frame-registry.ts in the extension). */
export interface FrameDirectory {
  framesOf(origins: ReadonlySet<string>): Promise<PageFrame[]>;
  forgetFrame(frame: PageFrame): Promise<void>;
}

export interface SiteEventsDeps {
  db: SigilDatabase;
  permissions: PermissionsController;
  frames: FrameDirectory;
  send: SendToFrame;
}

type EventData = (origin: string) => Promise<unknown>;

export class SiteEvents {
  constructor(private readonly deps: SiteEventsDeps) {}

  /** Forwards every wallet event that pages may hear. */
  listenTo(events: WalletEvents): void {
    events.on((event) => {
      this.forward(event).catch(() => undefined);
    });
  }

  /** Tells the frames of `origin` that what it sees changed (e.g. right after it was connected). */
  notifyEntities(origin: string): Promise<void> {
    return this.deliver(new Set([origin]), 'entitiesChanged', this.entitiesData);
  }

  private readonly noData: EventData = async () => undefined;
  private readonly entitiesData: EventData = async (origin) => ({ entities: await this.deps.permissions.connectedEntities(origin) });
  private readonly disconnectData: EventData = async () => ({ code: 4100, message: 'Sigil disconnected this site.' });

  private async forward(event: WalletEvent): Promise<void> {
    switch (event.type) {
      case 'lock':
      case 'unlock':
        return this.deliver(await this.connectedOrigins(), event.type, this.noData);
      case 'entitiesChanged':
        return this.deliver(await this.originsAffectedBy(event.dids), 'entitiesChanged', this.entitiesData);
      case 'siteDisconnected':
        return this.deliver(new Set([event.origin]), 'disconnect', this.disconnectData);
      default:
    }
  }

  private async connectedOrigins(): Promise<Set<string>> {
    return new Set((await this.deps.permissions.connectedSites()).map((site) => site.origin));
  }

  /** Origins that share one of `dids`; every connected origin when one of them was removed from the wallet. */
  private async originsAffectedBy(dids: readonly string[]): Promise<Set<string>> {
    const sites = await this.deps.permissions.connectedSites();
    const removed = (await Promise.all(dids.map((did) => getEntity(this.deps.db, did)))).some((entity) => entity === undefined);
    return new Set(sites.filter((site) => removed || site.sharedDids.some((did) => dids.includes(did))).map((site) => site.origin));
  }

  private async deliver(origins: ReadonlySet<string>, event: PageEvent, dataFor: EventData): Promise<void> {
    if (origins.size === 0) return;
    const frames = await this.deps.frames.framesOf(origins);
    await Promise.all(
      frames.map(async (frame) => {
        let data: unknown;
        try {
          data = await dataFor(frame.origin);
        } catch {
          return; // e.g. disconnected meanwhile: that origin no longer gets entity events
        }
        const message: PageEventMessage = { type: PAGE_EVENT, origin: frame.origin, event, data };
        const delivered = await this.deps
          .send(frame.tabId, message, { frameId: frame.frameId })
          .then((answer) => answer === true, () => false);
        // Nobody there any more, or a page of another origin: stop sending to that frame.
        if (!delivered) await this.deps.frames.forgetFrame(frame);
      }),
    );
  }
}
