/**
 * A new seed between being shown and being confirmed (set-up, or adding a seed). It lives in
 * `storage.session` under its own key, so a restarted worker still has it while a browser restart
 * or a lock discards it. Its words are returned once, when the draft is made, and never again.
 */
import { fromBase64, randomBytes, toBase64 } from './encoding';
import { VaultError } from './errors';
import { SEED_BYTES_NEW, seedEntropyToMnemonic } from './seed-operations';
import type { SessionStore } from './session';

export const SEED_DRAFT_STORAGE_KEY = 'sigil.seedDraft';
/** How many words the user must type back before a drafted seed is kept. */
export const MIN_CONFIRM_WORDS = 3;

export interface ConfirmWord {
  /** 0-based position in the phrase. */
  readonly index: number;
  readonly word: string;
}

const draftMissing = (): VaultError =>
  new VaultError('DRAFT_MISSING', 'The new recovery phrase is no longer available. Generate a new one and write it down.');

const notConfirmed = (message: string): VaultError => new VaultError('DRAFT_NOT_CONFIRMED', message);

export class SeedDrafts {
  constructor(private readonly store: SessionStore) {}

  /** Makes a new 32-byte draft, replacing any earlier one, and returns its 24 words. */
  async create(): Promise<string[]> {
    const entropy = randomBytes(SEED_BYTES_NEW);
    await this.store.set({ [SEED_DRAFT_STORAGE_KEY]: { entropy: toBase64(entropy) } });
    return seedEntropyToMnemonic(entropy).split(' ');
  }

  /**
   * The draft's entropy once `confirm` names at least MIN_CONFIRM_WORDS distinct positions and each
   * word matches. A mismatch keeps the draft so the user can try again; messages quote no word.
   */
  async confirmed(confirm: readonly ConfirmWord[]): Promise<Uint8Array> {
    const entropy = await this.read();
    if (!entropy) throw draftMissing();
    const words = seedEntropyToMnemonic(entropy).split(' ');
    const positions = new Set(confirm.map((c) => c.index));
    if (positions.size !== confirm.length) throw notConfirmed('Each word of the recovery phrase can be confirmed only once.');
    if (positions.size < MIN_CONFIRM_WORDS)
      throw notConfirmed(`Confirm at least ${MIN_CONFIRM_WORDS} words of the recovery phrase.`);
    const outOfRange = confirm.find((c) => c.index < 0 || c.index >= words.length);
    if (outOfRange) throw notConfirmed(`The recovery phrase has ${words.length} words.`);
    const wrong = confirm.find((c) => c.word.normalize('NFKD').trim().toLowerCase() !== words[c.index]);
    if (wrong) throw notConfirmed(`Word ${wrong.index + 1} does not match the recovery phrase you were shown.`);
    return entropy;
  }

  async discard(): Promise<void> {
    await this.store.remove(SEED_DRAFT_STORAGE_KEY);
  }

  private async read(): Promise<Uint8Array | null> {
    const raw = (await this.store.get(SEED_DRAFT_STORAGE_KEY))[SEED_DRAFT_STORAGE_KEY] as { entropy?: unknown } | undefined;
    const entropy = typeof raw?.entropy === 'string' ? fromBase64(raw.entropy) : null;
    return entropy?.length === SEED_BYTES_NEW ? entropy : null;
  }
}
