import { describe, expect, it } from 'vitest';
import { rotationResult, rotationSteps } from '../../../src/ui/components/rotation-words';
import { DID_A, DID_B } from '../../shared/support';

const names: Record<string, string> = { [DID_A]: 'Alice' };
const nameOf = (did: string) => names[did] ?? `unknown ${did.slice(-4)}`;

describe('rotationSteps (what the review screen says an IOTICS rotation does)', () => {
  const plan = { oldKey: { id: '#agent-0' }, newKeyId: '#agent-1', renews: [DID_A, DID_B] };

  it('says the new key is added and the old one removed, naming both', () => {
    expect(rotationSteps(plan, nameOf)[0]).toBe('A new key, #agent-1, derived from your seed, is added to the document, and #agent-0 is removed from it.');
  });

  it('says tokens signed with the old key stop working at Sigil’s verifier', () => {
    expect(rotationSteps(plan, nameOf)[1]).toContain('Tokens signed with #agent-0 stop working at Sigil’s verifier');
  });

  it('names every delegator whose delegation will be renewed, by label when the wallet knows it', () => {
    expect(rotationSteps(plan, nameOf)[2]).toBe(`The delegations naming #agent-0 will be renewed with #agent-1: Alice, unknown ${DID_B.slice(-4)}.`);
  });

  it('says so when no delegation needs renewing', () => {
    expect(rotationSteps({ ...plan, renews: [] }, nameOf)[2]).toBe('No delegation in this wallet names #agent-0, so none needs renewing.');
  });
});

describe('rotationResult (the line on the entity after the rotation)', () => {
  it('names the old and new keys, where the document is, and the renewed delegators', () => {
    expect(rotationResult('#agent-0', { newKeyId: '#agent-1', stage: 'registered', renewed: [DID_A] }, nameOf)).toBe(
      'Key #agent-0 rotated: #agent-1 replaces it; the resolver has the updated document. Delegations renewed for Alice.',
    );
    expect(rotationResult('#user-0', { newKeyId: '#user-1', stage: 'local', renewed: [] }, nameOf)).toBe(
      'Key #user-0 rotated: #user-1 replaces it; the updated document waits to be registered with the resolver.',
    );
  });
});
