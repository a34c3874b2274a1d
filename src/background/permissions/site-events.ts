/**
 * sigil.on('entitiesChanged' | 'lock' | 'unlock' | 'disconnect' | 'identityStage'): wallet events
 * delivered to the frames of connected origins only; `identityStage` only to the origins that share
 * the identity. The content script checks the origin again before the page sees it.
 */
import type { PageEvent } from '../../shared/page-api';
import { PAGE_EVENT, type PageEventMessage } from '../../shared/wire';
import type { WalletEvent, WalletEvents } from '../events';
import type { SendToFrame } from '../platform';
import { getEntity, type SigilDatabase } from '../storage';
import type { PageFrame } from './frame-registry';
import type { PermissionsController } from './permissions-controller';
import { StageAnnouncements, type IdentityStageEvent } from './stage-announcements';

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
  /** When this worker started: what it writes is news even before any stage was ever announced. */
  startedAt: number;
}

type EventData = (origin: string) => Promise<unknown>;

export class SiteEvents {
  private readonly stages: StageAnnouncements;

  constructor(private readonly deps: SiteEventsDeps) {
    this.stages = new StageAnnouncements(deps.db, deps.startedAt);
  }

  /**
   * Forwards every wallet event that pages may hear, starting with the stage changes a previous
   * worker wrote but did not get to announce.
   */
  listenTo(events: WalletEvents): void {
    this.announceStages().catch(() => undefined);
    events.on((event) => {
      this.forward(event).catch(() => undefined);
    });
  }

  /** Tells the origins sharing each identity of `dids` (every one when left out) which of its entries changed stage. */
  async announceStages(dids?: readonly string[]): Promise<void> {
    const changes = await this.stages.changes(dids);
    if (changes.length === 0) return;
    const sites = await this.deps.permissions.connectedSites();
    for (const change of changes) {
      const origins = new Set(sites.filter((site) => site.sharedDids.includes(change.did)).map((site) => site.origin));
      await this.deliver(origins, 'identityStage', this.stageData(change));
    }
  }

  /** Tells the frames of `origin` that what it sees changed (e.g. right after it was connected). */
  notifyEntities(origin: string): Promise<void> {
    return this.deliver(new Set([origin]), 'entitiesChanged', this.entitiesData);
  }

  private readonly noData: EventData = async () => undefined;
  private readonly entitiesData: EventData = async (origin) => ({ entities: await this.deps.permissions.connectedEntities(origin) });
  private readonly disconnectData: EventData = async () => ({ code: 4100, message: 'Sigil disconnected this site.' });
  private readonly stageData =
    (change: IdentityStageEvent): EventData =>
    async () => ({ did: change.did, chain_id: change.chain_id, entry_hash: change.entry_hash, stage: change.stage });

  private async forward(event: WalletEvent): Promise<void> {
    switch (event.type) {
      case 'lock':
      case 'unlock':
        return this.deliver(await this.connectedOrigins(), event.type, this.noData);
      case 'entitiesChanged':
        await this.deliver(await this.originsAffectedBy(event.dids), 'entitiesChanged', this.entitiesData);
        if (event.dids.length > 0) await this.announceStages(event.dids);
        return;
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
