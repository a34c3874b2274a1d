/**
 * Settings → Create a new seed: the same draft-and-confirm path as set-up, for a wallet that is
 * already open. The seed is kept only after the person picked words back, and once per request.
 */
import { describe, expect, it } from 'vitest';
import { PASSWORD, rejectionOf, startBackground, VECTOR_SEED_HEX } from './helpers';

async function openWallet() {
  const bg = await startBackground();
  await bg.ui('ui_createWallet', { password: PASSWORD, seed: { source: 'hex', hex: VECTOR_SEED_HEX }, label: 'Vectors' });
  return bg;
}

const confirmOf = (words: readonly string[], positions = [2, 9, 17]) => positions.map((index) => ({ index, word: words[index]! }));

describe('a new seed in an open wallet', () => {
  it('keeps the drafted seed, with its label, once the words picked back match', async () => {
    const bg = await openWallet();
    const { words } = await bg.ui('ui_draftSeed', undefined);
    expect(words).toHaveLength(24);
    const added = await bg.ui('ui_addSeed', { seed: { source: 'draft', confirm: confirmOf(words) }, label: 'Work' });
    expect(added).toMatchObject({ label: 'Work', words: 24, origin: 'created' });
    const { seeds } = await bg.ui('ui_seeds', undefined);
    expect(seeds.map((seed) => seed.label)).toEqual(['Vectors', 'Work']);
    // The phrase revealed later is the one that was shown.
    expect((await bg.ui('ui_revealMnemonic', { seedId: added.id, password: PASSWORD })).words).toEqual(words);
  });

  it('keeps nothing when a word does not match, and lets the person try again', async () => {
    const bg = await openWallet();
    const { words } = await bg.ui('ui_draftSeed', undefined);
    const wrong = confirmOf(words).map((c, i) => (i === 1 ? { index: c.index, word: words.find((w) => w !== c.word)! } : c));
    const error = await rejectionOf(bg.ui('ui_addSeed', { seed: { source: 'draft', confirm: wrong } }));
    expect(error.message).toMatch(/does not match/);
    expect((await bg.ui('ui_seeds', undefined)).seeds).toHaveLength(1);
    await bg.ui('ui_addSeed', { seed: { source: 'draft', confirm: confirmOf(words) } });
    expect((await bg.ui('ui_seeds', undefined)).seeds).toHaveLength(2);
  });

  it('adds the seed once when the same request arrives twice, and the draft is gone afterwards', async () => {
    const bg = await openWallet();
    const { words } = await bg.ui('ui_draftSeed', undefined);
    const request = { seed: { source: 'draft' as const, confirm: confirmOf(words) }, label: 'Once' };
    const first = await bg.ui('ui_addSeed', request, 'new-seed-1');
    const again = await bg.ui('ui_addSeed', request, 'new-seed-1');
    expect(again).toEqual(first);
    expect((await bg.ui('ui_seeds', undefined)).seeds).toHaveLength(2);
    expect((await rejectionOf(bg.ui('ui_addSeed', request, 'new-seed-2'))).message).toMatch(/no longer available/);
  });

  it('makes no draft for a locked wallet', async () => {
    const bg = await openWallet();
    await bg.ui('ui_lock', undefined);
    expect(await rejectionOf(bg.ui('ui_draftSeed', undefined))).toMatchObject({ code: 4100 });
  });
});
