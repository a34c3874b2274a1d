/** What the UI and pages are shown of an entity: summaries, the full view with keys, history, delegations. */
import {
  base64Decode,
  checkDelegationWithState,
  keyId,
  parseDidUrl,
  utf8Decode,
  validateIoticsDelegation,
  type ChainKey,
  type Delegation,
  type EntityKind,
  type IoticsDelegation,
} from '../../core';
import type { SharedEntity } from '../../shared/page-api';
import type { DelegationView, EntitySummary, EntityView, HistoryView, IoticsEntityView, KeyView } from '../../shared/ui-api';
import type { EntityRecord } from '../storage';
import { delegationLinksOf } from './delegation-links';
import type { AnyLoadedEntity, EntityStore, LoadedEntity, LoadedIoticsEntity } from './entity-store';

export const summaryOf = (record: EntityRecord): EntitySummary => ({
  did: record.did,
  kind: record.kind,
  format: record.format,
  label: record.label,
  stage: record.stage,
  createdAt: record.createdAt,
  delegatesTo: delegationLinksOf(record),
});

export const sharedEntityOf = (record: EntityRecord): SharedEntity => ({ did: record.did, kind: record.kind, label: record.label });

export const keyViewOf = (kind: EntityKind, key: ChainKey): KeyView => ({
  id: keyId(kind, key.priority, key.generation),
  idpub: key.idpub,
  priority: key.priority,
  active: key.retiredHeight === null,
  activatedHeight: key.activatedHeight,
  retiredHeight: key.retiredHeight,
  entryHash: key.entryHash,
});

function keysOf(entity: LoadedEntity): KeyView[] {
  return entity.state.keys
    .map((key) => keyViewOf(entity.record.kind, key))
    .sort((a, b) => a.priority - b.priority || Number(b.active) - Number(a.active) || b.activatedHeight - a.activatedHeight);
}

function historyOf(entity: LoadedEntity, keys: KeyView[]): HistoryView[] {
  const idOf = (idpub: string) => keys.find((k) => k.idpub === idpub)?.id;
  return entity.state.entryHashes.map((entryHash, height) => {
    const stage = entity.record.entries[height]?.stage ?? entity.record.stage;
    if (height === 0) return { height, entryHash, kind: 'created' as const, stage };
    const extIds = entity.document.identityChain.entries[height]!.extIds.map((e) => base64Decode(e));
    const [, oldKey, newKey, , signer] = extIds.map((bytes, i) => (i === 3 ? '' : utf8Decode(bytes)));
    const view: HistoryView = { height, entryHash, kind: 'replaced', stage };
    const oldKeyId = oldKey && idOf(oldKey);
    const newKeyId = newKey && idOf(newKey);
    const signerKeyId = signer && idOf(signer);
    if (oldKeyId) view.oldKeyId = oldKeyId;
    if (newKeyId) view.newKeyId = newKeyId;
    if (signerKeyId) view.signerKeyId = signerKeyId;
    return view;
  });
}

const controllerDid = (delegation: Delegation | IoticsDelegation): string => parseDidUrl(delegation.controller).did;

/** Whether a delegation holds, checked against the controller's document when the wallet has it. */
async function statusOf(
  delegation: Delegation | IoticsDelegation,
  delegating: AnyLoadedEntity,
  controller: AnyLoadedEntity | null,
): Promise<DelegationView['status']> {
  if (delegation.revoked) return 'invalid';
  if (!controller) return 'unknown';
  const fragment = parseDidUrl(delegation.controller).fragment;
  if (delegating.format === 'iotics' && controller.format === 'iotics') {
    if (validateIoticsDelegation(delegation as IoticsDelegation, delegating.record.did, controller.document).valid) return 'valid';
    // IOTICS cuts a key off by removing it: a delegation to a removed (or revoked) key needs renewal.
    const key = controller.document.publicKey.find((k) => k.id === fragment);
    return !key || key.revoked ? 'needs-renewal' : 'invalid';
  }
  if (delegating.format !== 'sigil' || controller.format !== 'sigil') return 'invalid';
  const check = await checkDelegationWithState(delegation as Delegation, delegating.record.did, controller);
  if (check.valid) return 'valid';
  const key = controller.document.publicKey.find((k) => k.id === fragment);
  return key?.revoked ? 'needs-renewal' : 'invalid';
}

async function delegationView(
  direction: DelegationView['direction'],
  delegating: AnyLoadedEntity,
  delegation: Delegation | IoticsDelegation,
  other: AnyLoadedEntity | null,
  controller: AnyLoadedEntity | null,
  otherDid: string,
): Promise<DelegationView> {
  return {
    direction,
    type: delegating.document.delegateControl.some((d) => d.id === delegation.id) ? 'control' : 'authentication',
    id: delegation.id,
    otherDid,
    otherLabel: other?.record.label ?? null,
    controller: delegation.controller,
    proofType: delegation.proofType,
    revoked: delegation.revoked,
    status: await statusOf(delegation, delegating, controller),
  };
}

const delegationsIn = (entity: AnyLoadedEntity): (Delegation | IoticsDelegation)[] => [
  ...entity.document.delegateAuthentication,
  ...entity.document.delegateControl,
];

async function delegationsOf(entities: EntityStore, entity: AnyLoadedEntity): Promise<DelegationView[]> {
  const views: DelegationView[] = [];
  for (const delegation of delegationsIn(entity)) {
    let agent: AnyLoadedEntity | null = null;
    try {
      agent = await entities.find(controllerDid(delegation));
    } catch {
      agent = null;
    }
    views.push(await delegationView('given', entity, delegation, agent, agent, controllerDid(delegation)));
  }
  if (entity.record.kind === 'agent') {
    for (const record of await entities.all()) {
      if (record.did === entity.record.did || record.kind === 'agent' || !record.document) continue;
      const delegator = await entities.loadAny(record);
      for (const delegation of delegationsIn(delegator)) {
        if (controllerDid(delegation) !== entity.record.did) continue;
        views.push(await delegationView('received', delegator, delegation, delegator, entity, record.did));
      }
    }
  }
  return views;
}

async function ioticsEntityViewOf(entities: EntityStore, entity: LoadedIoticsEntity): Promise<IoticsEntityView> {
  const key = (k: { id: string; publicKeyBase58: string; revoked: boolean }) => ({ id: k.id, publicKeyBase58: k.publicKeyBase58, revoked: k.revoked });
  return {
    ...summaryOf(entity.record),
    format: 'iotics',
    names: [],
    chainId: null,
    keys: [],
    history: [],
    updateTime: entity.document.updateTime,
    publicKey: entity.document.publicKey.map(key),
    authentication: entity.document.authentication.map(key),
    removedKeys: (entity.record.removedKeys ?? []).map((k) => ({ ...k })),
    delegations: await delegationsOf(entities, entity),
  };
}

export async function entityViewOf(entities: EntityStore, entity: AnyLoadedEntity): Promise<EntityView> {
  if (entity.format === 'iotics') return ioticsEntityViewOf(entities, entity);
  const keys = keysOf(entity);
  return {
    ...summaryOf(entity.record),
    format: 'sigil',
    names: [...entity.record.names],
    chainId: entity.record.chainId,
    keys,
    history: historyOf(entity, keys),
    delegations: await delegationsOf(entities, entity),
  };
}
