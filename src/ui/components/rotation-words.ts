/** What an IOTICS key rotation will do (DESIGN §2.8), in the words the review screen shows. */

/**
 * One sentence per consequence, in the order they happen. `nameOf` turns a DID into the label the
 * wallet knows it by.
 */
export function rotationSteps(plan: { oldKey: { id: string }; newKeyId: string; renews: readonly string[] }, nameOf: (did: string) => string): string[] {
  const oldId = plan.oldKey.id;
  return [
    `A new key, ${plan.newKeyId}, derived from your seed, is added to the document, and ${oldId} is removed from it.`,
    `Tokens signed with ${oldId} stop working at Sigil’s verifier, and at IOTICS hosts once the updated document is registered with their resolver.`,
    plan.renews.length > 0
      ? `The delegations naming ${oldId} will be renewed with ${plan.newKeyId}: ${plan.renews.map(nameOf).join(', ')}.`
      : `No delegation in this wallet names ${oldId}, so none needs renewing.`,
    `Sigil keeps ${oldId} in this identity’s removed keys, as history.`,
  ];
}

/** The one line shown on the entity after the rotation. */
export function rotationResult(oldKeyId: string, result: { newKeyId: string; stage: string; renewed: readonly string[] }, nameOf: (did: string) => string): string {
  // Only a registered identity is rotated, so a 'local' result is an update still on its way to the resolver.
  const stage = result.stage === 'registered' ? 'the resolver has the updated document' : 'the updated document waits to be registered with the resolver';
  const renewed = result.renewed.length > 0 ? ` Delegations renewed for ${result.renewed.map(nameOf).join(', ')}.` : '';
  return `Key ${oldKeyId} rotated: ${result.newKeyId} replaces it; ${stage}.${renewed}`;
}
