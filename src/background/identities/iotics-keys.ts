/** Which owner key of an IOTICS entity (DESIGN §2.8) the wallet signs with. */
import type { IoticsDocument, IoticsPublicKey } from '../../core';
import { ErrorCode, SigilError } from '../../shared/errors';
import type { EntityRecord } from '../storage';
import type { IdentityContext } from './context';
import type { LoadedIoticsEntity } from './entity-store';
import type { Keyring } from './keyring';
import { ioticsEntityRecordFor } from './records';

export interface HeldIoticsKey {
  key: IoticsPublicKey;
  secretKey: Uint8Array;
  /** `did#keyId`: the issuer of its tokens, the controller of delegations to it. */
  reference: string;
}

/**
 * The first non-revoked owner key of the document that the wallet holds (the document lists the
 * newest key first), or null.
 */
export function findHeldIoticsKey(ctx: Pick<IdentityContext, 'keyring'>, vaultKey: Uint8Array, entity: LoadedIoticsEntity): Promise<HeldIoticsKey | null> {
  return heldKeyOf(ctx.keyring, vaultKey, entity.record, entity.document);
}

async function heldKeyOf(keyring: Keyring, vaultKey: Uint8Array, record: EntityRecord, document: IoticsDocument): Promise<HeldIoticsKey | null> {
  for (const key of document.publicKey) {
    if (key.revoked) continue;
    const secretKey = await keyring.ioticsSecretFor(vaultKey, record.did, record.kind, key);
    if (secretKey) return { key, secretKey, reference: `${record.did}${key.id}` };
  }
  return null;
}

/**
 * The row of an IOTICS entity with its document token signed again for `resolverUrl` (the registrar,
 * after the resolver setting changed); null when the wallet holds no owner key of it.
 */
export async function ioticsTokenFor(
  keyring: Keyring,
  vaultKey: Uint8Array,
  record: EntityRecord,
  resolverUrl: string,
  now: number,
): Promise<{ record: EntityRecord; token: string } | null> {
  const document = record.document as unknown as IoticsDocument;
  const held = await heldKeyOf(keyring, vaultKey, record, document);
  if (!held) return null;
  const signed = ioticsEntityRecordFor({
    document,
    signer: { keyId: held.key.id, secretKey: held.secretKey },
    resolverUrl,
    label: record.label,
    previous: record,
    now,
  });
  return { record: { ...signed, stage: record.stage, updatedAt: record.updatedAt }, token: signed.documentToken! };
}

export async function requireHeldIoticsKey(ctx: IdentityContext, vaultKey: Uint8Array, entity: LoadedIoticsEntity): Promise<HeldIoticsKey> {
  const held = await findHeldIoticsKey(ctx, vaultKey, entity);
  if (!held) throw new SigilError(ErrorCode.invalidParams, `This wallet does not hold an owner key of ${entity.record.did}.`);
  return held;
}

/** The words for a user and an agent (or twin and agent) of different formats. */
export function mixedFormats(delegating: { did: string; format: string }, agent: { did: string; format: string }): SigilError {
  const name = (format: string) => (format === 'iotics' ? 'an IOTICS' : 'a Sigil');
  return new SigilError(
    ErrorCode.invalidParams,
    `${delegating.did} is ${name(delegating.format)} identity and ${agent.did} is ${name(agent.format)} one: ` +
      'an identity and its Agent must be of the same format.',
  );
}
