/**
 * Which entry stages pages were told about (the `identityStage` event, DESIGN §3: Factom's stage
 * callbacks). The stages announced last are kept in the `settings` store under a key that is not a
 * setting (never exported in a backup), so a restarted worker announces only what changed since,
 * and never the same change twice: what is announced is recorded before it is sent.
 */
import { chainIdBytes, entryFromJson, entryHash } from '../../core/entry';
import type { Stage } from '../../shared/page-api';
import { SerialQueue } from '../vault/serial-queue';
import type { EntityRecord, SigilDatabase } from '../storage';

const ANNOUNCED_KEY = 'announcedStages';
/** For an IOTICS identity (no chain, so no entries): the stage of its document. */
const DOCUMENT_STAGE = '';

/** What a page hears: one entry of `did` reached `stage`. IOTICS identities have no chain: both ids are null. */
export interface IdentityStageEvent {
  did: string;
  chain_id: string | null;
  entry_hash: string | null;
  stage: Stage;
}

/** did → (entry hash, or DOCUMENT_STAGE) → the stage last announced. */
type Announced = Record<string, Record<string, Stage>>;

const isStage = (value: unknown): value is Stage => value === 'local' || value === 'registered';

function isAnnounced(value: unknown): value is Announced {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every(
    (entries) => typeof entries === 'object' && entries !== null && !Array.isArray(entries) && Object.values(entries).every(isStage),
  );
}

/** The current stage of each entry of `record`, in chain order. */
function currentStages(record: EntityRecord): IdentityStageEvent[] {
  if (record.format === 'iotics') return [{ did: record.did, chain_id: null, entry_hash: null, stage: record.stage }];
  const chain = chainIdBytes(record.chainId);
  return record.entries.map((entry) => ({
    did: record.did,
    chain_id: record.chainId,
    entry_hash: entryHash(chain, entryFromJson({ extIds: entry.extIds, content: entry.content })),
    stage: entry.stage,
  }));
}

export class StageAnnouncements {
  private readonly steps = new SerialQueue();

  /** `startedAt`: rows written since (by this worker) are news even when nothing was announced before. */
  constructor(
    private readonly db: SigilDatabase,
    private readonly startedAt: number,
  ) {}

  /**
   * The stage changes of `dids` (every entity when left out) since they were last announced,
   * recorded as announced before they are returned. The first time ever, what the wallet already
   * holds is recorded without being announced: those stages were reached before anyone could listen.
   */
  changes(dids?: readonly string[]): Promise<IdentityStageEvent[]> {
    return this.steps.run(async () => {
      const stored: unknown = await this.db.get('settings', ANNOUNCED_KEY);
      const firstTime = !isAnnounced(stored);
      const announced: Announced = firstTime ? {} : { ...stored };
      const records = dids === undefined ? await this.db.getAll('entities') : await Promise.all(dids.map((did) => this.db.get('entities', did)));
      const out: IdentityStageEvent[] = [];
      let changed = firstTime;
      const forget = (did: string) => {
        if (!Object.hasOwn(announced, did)) return;
        delete announced[did];
        changed = true;
      };
      if (dids === undefined) for (const did of Object.keys(announced)) if (!records.some((r) => r?.did === did)) forget(did);
      dids?.forEach((did, i) => {
        if (!records[i]) forget(did);
      });
      for (const record of records) {
        if (!record || (record.format !== 'iotics' && record.document === null)) continue;
        const known = { ...announced[record.did] };
        const baseline = firstTime && record.updatedAt < this.startedAt;
        for (const event of currentStages(record)) {
          const key = event.entry_hash ?? DOCUMENT_STAGE;
          if (known[key] === event.stage) continue;
          known[key] = event.stage;
          changed = true;
          if (!baseline) out.push(event);
        }
        announced[record.did] = known;
      }
      // A worker wakes often: it writes only when something changed.
      if (changed) await this.db.put('settings', announced, ANNOUNCED_KEY);
      return out;
    });
  }
}
