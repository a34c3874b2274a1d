import { mnemonicToEntropy } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { describe, expect, it } from 'vitest';
import { SEED_DRAFT_STORAGE_KEY, SeedDrafts } from '../../src/background/vault';
import { errorOf, MemorySessionStore } from './helpers';

const confirmOf = (words: string[], indexes: number[]) => indexes.map((index) => ({ index, word: words[index]! }));

describe('seed drafts', () => {
  it('makes a 24-word draft whose entropy is given back once three words are confirmed', async () => {
    const drafts = new SeedDrafts(new MemorySessionStore());
    const words = await drafts.create();
    expect(words).toHaveLength(24);
    const entropy = await drafts.confirmed(confirmOf(words, [2, 11, 23]));
    expect(entropy).toEqual(mnemonicToEntropy(words.join(' '), wordlist));
    expect(entropy).toHaveLength(32);
  });

  it('accepts the words however they are typed (case, spaces)', async () => {
    const drafts = new SeedDrafts(new MemorySessionStore());
    const words = await drafts.create();
    const typed = [0, 1, 2].map((index) => ({ index, word: `  ${words[index]!.toUpperCase()} ` }));
    expect(await drafts.confirmed(typed)).toHaveLength(32);
  });

  it('refuses a wrong word, naming its position but not the word, and keeps the draft for another try', async () => {
    const drafts = new SeedDrafts(new MemorySessionStore());
    const words = await drafts.create();
    const wrongWord = words[5] === 'zoo' ? 'abandon' : 'zoo';
    const error = await errorOf(drafts.confirmed([...confirmOf(words, [0, 1]), { index: 5, word: wrongWord }]));
    expect(error).toMatchObject({ code: 'DRAFT_NOT_CONFIRMED', message: 'Word 6 does not match the recovery phrase you were shown.' });
    expect(error.message).not.toContain(words[5]);
    expect(await drafts.confirmed(confirmOf(words, [0, 1, 5]))).toHaveLength(32);
  });

  it('needs three distinct positions within the phrase', async () => {
    const drafts = new SeedDrafts(new MemorySessionStore());
    const words = await drafts.create();
    expect((await errorOf(drafts.confirmed(confirmOf(words, [0, 1])))).message).toBe('Confirm at least 3 words of the recovery phrase.');
    expect((await errorOf(drafts.confirmed(confirmOf(words, [0, 1, 1])))).message).toBe(
      'Each word of the recovery phrase can be confirmed only once.',
    );
    expect((await errorOf(drafts.confirmed([...confirmOf(words, [0, 1]), { index: 24, word: 'abandon' }]))).message).toBe(
      'The recovery phrase has 24 words.',
    );
  });

  it('survives a restarted worker (a new instance over the same session store) and is gone once discarded', async () => {
    const store = new MemorySessionStore();
    const words = await new SeedDrafts(store).create();
    expect(await new SeedDrafts(store).confirmed(confirmOf(words, [3, 4, 5]))).toHaveLength(32);
    await new SeedDrafts(store).discard();
    expect(store.items.has(SEED_DRAFT_STORAGE_KEY)).toBe(false);
    expect(await errorOf(new SeedDrafts(store).confirmed(confirmOf(words, [3, 4, 5])))).toMatchObject({
      code: 'DRAFT_MISSING',
      message: 'The new recovery phrase is no longer available. Generate a new one and write it down.',
    });
  });

  it('a new draft replaces the previous one: the old words no longer confirm', async () => {
    const drafts = new SeedDrafts(new MemorySessionStore());
    const first = await drafts.create();
    const second = await drafts.create();
    expect(second).not.toEqual(first);
    expect((await errorOf(drafts.confirmed(confirmOf(first, [0, 1, 2, 3, 4, 5])))).code).toBe('DRAFT_NOT_CONFIRMED');
  });

  it('stores the draft as its entropy only', async () => {
    const store = new MemorySessionStore();
    await new SeedDrafts(store).create();
    expect(Object.keys(JSON.parse(store.items.get(SEED_DRAFT_STORAGE_KEY)!) as object)).toEqual(['entropy']);
  });
});
