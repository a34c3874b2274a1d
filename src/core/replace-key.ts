import { getPublicKey } from './ed25519';
import { CoreError } from './errors';
import { encodeIdpub } from './factom-keys';
import { checkReplacementParams, createReplacementEntry, type IdentityChainJson } from './identity-chain';
import { replayIdentityChain } from './replay';

export interface KeyReplacement {
  chain: IdentityChainJson;
  entryHash: string;
  signature: Uint8Array;
  signerKey: string;
}

/**
 * Appends a ReplaceKey entry after checking the identity's rules against the chain as it is: the
 * old key is active, the new key was never used, the signer is active with the same or a higher
 * priority. Returns a new chain; the input is not modified.
 */
export async function replaceKey(
  chain: IdentityChainJson,
  params: { oldKey: string; newKey: string; signerSecretKey: Uint8Array },
): Promise<KeyReplacement> {
  const state = await replayIdentityChain(chain);
  const { oldKey, newKey, signerSecretKey } = params;
  checkReplacementParams(params);
  const replaced = state.activeKeys.find((key) => key.idpub === oldKey);
  if (!replaced) throw new CoreError('INVALID_PARAMS', 'oldPublicKey is not an active key of this identity.');
  if (state.keys.some((key) => key.idpub === newKey))
    throw new CoreError('INVALID_PARAMS', 'newPublicKey was already used in this identity; keys are never reused.');
  const signerIdpub = encodeIdpub(await getPublicKey(signerSecretKey));
  const signer = state.activeKeys.find((key) => key.idpub === signerIdpub);
  if (!signer) throw new CoreError('INVALID_PARAMS', 'signerPrivateKey is not an active key of this identity.');
  if (signer.priority > replaced.priority)
    throw new CoreError(
      'INVALID_PARAMS',
      `a priority-${signer.priority} key cannot replace a priority-${replaced.priority} key; the signer must have the same or a higher priority.`,
    );
  const replacement = await createReplacementEntry({ chainId: chain.chainId, oldKey, newKey, signerSecretKey });
  return {
    chain: { chainId: chain.chainId, names: [...chain.names], entries: [...chain.entries, replacement.entry] },
    entryHash: replacement.entryHash,
    signature: replacement.signature,
    signerKey: replacement.signerKey,
  };
}
