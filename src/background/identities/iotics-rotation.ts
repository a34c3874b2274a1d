/**
 * Rotating an owner key of an IOTICS entity (DESIGN §2.8): the new key (derived from the seed as
 * `#{kind}-{n}`, n never used before, so the seed recovers it) is added and the old key removed, and
 * the delegations the wallet holds that name the old key are renewed with the new one.
 *
 * With a single owner key no key stays to sign one update, so the core makes two (add, signed by the
 * old key; remove, signed by the new one). A resolver accepts the second only as a successor of the
 * first, so the first is sent to the resolver before anything is written; the wallet then stores the
 * second, which the registrar sends as usual. An IOTICS resolver accepts a first document only while
 * it lists the DID's own key, so only a registered identity can be rotated.
 */
import {
  renewIoticsDelegations,
  rotateIoticsKey,
  type IoticsDocument,
  type IoticsPublicKey,
} from '../../core';
import { ErrorCode, SigilError } from '../../shared/errors';
import type { IoticsRotationPlan } from '../../shared/ui-api';
import { postDocumentToken } from '../registration/resolver-client';
import { withSafeErrors } from '../safe-errors';
import { getSetting, type RemovedKeyRecord } from '../storage';
import type { IdentityContext } from './context';
import type { WritesAlongside } from './create';
import type { AnyLoadedEntity, LoadedIoticsEntity } from './entity-store';
import { findHeldIoticsKey, requireHeldIoticsKey } from './iotics-keys';
import { ioticsKeyNumber } from './keyring';
import { documentAudience, ioticsEntityRecordFor, nextUpdateTime } from './records';
import { writeUpdates, type RowUpdate } from './row-updates';

export interface PreparedIoticsRotation {
  plan: IoticsRotationPlan;
  resolverUrl: string;
  /** Document tokens the resolver must accept, in order, before the rows are written. */
  sendFirst: string[];
  updates: RowUpdate[];
  result: { newKeyId: string; renewed: string[] };
}

const keyView = (key: IoticsPublicKey) => ({ id: key.id, publicKeyBase58: key.publicKeyBase58, revoked: key.revoked });

function requireIotics(entity: AnyLoadedEntity): LoadedIoticsEntity {
  if (entity.format !== 'iotics')
    throw new SigilError(ErrorCode.invalidParams, `${entity.record.did} is a Sigil identity: replace its keys on its identity chain.`);
  return entity;
}

/** The first `#{kind}-{n}` whose n is above every key the document has or had. */
function nextKeyNumber(entity: LoadedIoticsEntity): number {
  const ids = [...entity.document.publicKey, ...entity.document.authentication, ...(entity.record.removedKeys ?? [])].map((k) => k.id);
  return Math.max(-1, ...ids.map((id) => ioticsKeyNumber(entity.record.kind, id) ?? -1)) + 1;
}

/** Rows of the wallet's other IOTICS entities with their delegations to `oldController` renewed to `newController`. */
async function renewalsOf(
  ctx: IdentityContext,
  vaultKey: Uint8Array,
  rotated: { oldController: string; newController: string; secretKey: Uint8Array },
  resolverUrl: string,
  now: number,
): Promise<RowUpdate[]> {
  const out: RowUpdate[] = [];
  for (const record of await ctx.entities.all()) {
    if (record.format !== 'iotics' || !record.document || record.did === rotated.oldController.split('#')[0]) continue;
    const delegator = requireIotics(await ctx.entities.loadAny(record));
    const renewed = renewIoticsDelegations(delegator.document, { ...rotated, updateTime: nextUpdateTime(delegator.document, now) });
    if (!renewed) continue;
    const signer = await findHeldIoticsKey(ctx, vaultKey, delegator);
    if (!signer) continue; // Shown as needing renewal: the wallet cannot re-sign this document.
    out.push({
      row: ioticsEntityRecordFor({
        document: renewed,
        signer: { keyId: signer.key.id, secretKey: signer.secretKey },
        resolverUrl,
        label: record.label,
        previous: record,
        now,
      }),
      readUpdateTime: delegator.document.updateTime,
    });
  }
  return out;
}

/** Checks and signs the rotation of `keyId` of `did` and the renewals it brings. Nothing is sent or stored. */
export function prepareIoticsRotation(ctx: IdentityContext, params: { did: string; keyId: string }): Promise<PreparedIoticsRotation> {
  return withSafeErrors(async () => {
    const vaultKey = await ctx.wallet.requireVaultKey();
    const resolverUrl = await getSetting(ctx.db, 'resolverUrl');
    const entity = requireIotics(await ctx.entities.require(params.did));
    const { document, record } = entity;
    const oldKey = document.publicKey.find((k) => k.id === params.keyId);
    if (!oldKey) throw new SigilError(ErrorCode.invalidParams, `${params.keyId} is not an owner key of ${params.did}.`);
    if (!resolverUrl)
      throw new SigilError(ErrorCode.invalidParams, 'Set a resolver first: a rotated IOTICS document must be registered as an update of the registered one.');
    if (record.stage !== 'registered')
      throw new SigilError(ErrorCode.invalidParams, `Register ${params.did} first: a resolver accepts a rotated IOTICS document only as an update of a registered one.`);
    const n = nextKeyNumber(entity);
    const newKey = await ctx.keyring.ioticsKeyFor(vaultKey, record.did, record.kind, n);
    if (!newKey) throw new SigilError(ErrorCode.invalidParams, `This wallet does not hold the seed of ${params.did}, so it cannot make its new key.`);
    const newKeyId = `#${record.kind}-${n}`;
    const oldSecret = await ctx.keyring.ioticsSecretFor(vaultKey, record.did, record.kind, oldKey);
    // A non-revoked owner key that stays signs in one step; else the old key signs the first of two.
    const stays = document.publicKey.filter((k) => k.id !== oldKey.id && !k.revoked);
    let signer: { key: IoticsPublicKey; secretKey: Uint8Array } | null = null;
    for (const key of stays) {
      const secretKey = await ctx.keyring.ioticsSecretFor(vaultKey, record.did, record.kind, key);
      if (secretKey) {
        signer = { key, secretKey };
        break;
      }
    }
    if (!signer && !oldSecret) throw new SigilError(ErrorCode.invalidParams, `This wallet holds no owner key of ${params.did} that may sign the rotation.`);
    const now = ctx.now();
    const rotation = rotateIoticsKey(document, {
      oldKeyId: oldKey.id,
      newSecretKey: newKey.secretKey,
      newKeyId,
      updateTime: nextUpdateTime(document, now),
      audience: documentAudience(resolverUrl),
      ...(signer ? { signer: { keyId: signer.key.id, secretKey: signer.secretKey } } : { oldSecretKey: oldSecret! }),
    });
    const final = rotation.updates[rotation.updates.length - 1]!;
    const removed: RemovedKeyRecord = { id: oldKey.id, publicKeyBase58: oldKey.publicKeyBase58, removedAt: final.document.updateTime, replacedBy: newKeyId };
    const row = ioticsEntityRecordFor({
      document: final.document,
      signer: { keyId: newKeyId, secretKey: newKey.secretKey },
      resolverUrl,
      label: record.label,
      previous: record,
      removedKeys: [...(record.removedKeys ?? []), removed],
      now,
    });
    const renewals = await renewalsOf(
      ctx,
      vaultKey,
      { oldController: rotation.oldController, newController: rotation.newController, secretKey: newKey.secretKey },
      resolverUrl,
      now,
    );
    const renews = renewals.map((r) => r.row.did);
    const signedBy = signer?.key ?? oldKey;
    return {
      plan: {
        did: record.did,
        oldKey: keyView(oldKey),
        newKeyId,
        signer: keyView(signedBy),
        reason: signer
          ? `${signedBy.id} signs: an owner key that stays signs the update that adds ${newKeyId} and removes ${oldKey.id}.`
          : `${oldKey.id} is the only owner key, so it signs the update that adds ${newKeyId}; ${newKeyId} then signs the update that removes ${oldKey.id}.`,
        requiresPassword: true,
        renews,
      },
      resolverUrl,
      sendFirst: rotation.updates.slice(0, -1).map((u) => u.token),
      updates: [{ row, readUpdateTime: document.updateTime }, ...renewals],
      result: { newKeyId, renewed: renews },
    };
  });
}

/** Sends the first step(s) to the resolver, then writes the rows compare-and-set with the caller's. */
export function commitIoticsRotation(ctx: IdentityContext, prepared: PreparedIoticsRotation, alongside?: WritesAlongside): Promise<void> {
  return withSafeErrors(async () => {
    for (const token of prepared.sendFirst) {
      const outcome = await postDocumentToken(ctx.fetch, prepared.resolverUrl, token);
      if (outcome.kind === 'unavailable')
        throw new SigilError(ErrorCode.invalidParams, `${outcome.reason} Nothing was changed: try the rotation again when the resolver is reachable.`);
      if (outcome.kind === 'refused')
        throw new SigilError(ErrorCode.invalidParams, `The resolver refused the rotation: ${outcome.message} Nothing was changed in the wallet.`);
    }
    await writeUpdates(ctx, prepared.updates, alongside);
  });
}

/**
 * The row of `delegator` with its delegation to `controller` (a key the agent no longer lists) renewed
 * to the agent's current owner key.
 */
export async function ioticsDelegationRenewal(
  ctx: IdentityContext,
  vaultKey: Uint8Array,
  delegator: LoadedIoticsEntity,
  controller: string,
  agent: LoadedIoticsEntity,
  resolverUrl: string,
): Promise<RowUpdate> {
  const held = await requireHeldIoticsKey(ctx, vaultKey, agent);
  if (held.reference === controller) throw new SigilError(ErrorCode.invalidParams, 'This delegation does not need renewal.');
  const renewed: IoticsDocument | null = renewIoticsDelegations(delegator.document, {
    oldController: controller,
    newController: held.reference,
    secretKey: held.secretKey,
    updateTime: nextUpdateTime(delegator.document, ctx.now()),
  });
  const signer = await requireHeldIoticsKey(ctx, vaultKey, delegator);
  if (!renewed) throw new SigilError(ErrorCode.invalidParams, 'This delegation does not need renewal.');
  return {
    row: ioticsEntityRecordFor({
      document: renewed,
      signer: { keyId: signer.key.id, secretKey: signer.secretKey },
      resolverUrl,
      label: delegator.record.label,
      previous: delegator.record,
      now: ctx.now(),
    }),
    readUpdateTime: delegator.document.updateTime,
  };
}
