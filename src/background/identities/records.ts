/** Building the stored (public) row of an entity from its document. */
import { createDocumentToken, createIoticsDocumentToken, type DidDocument, type IoticsDocument } from '../../core';
import { ErrorCode, SigilError } from '../../shared/errors';
import type { Stage } from '../../shared/page-api';
import type { EntityRecord, RemovedKeyRecord } from '../storage';

/** The audience of document tokens Sigil signs: the resolver that stores them, or a local marker. */
export const documentAudience = (resolverUrl: string): string => resolverUrl || 'sigil:local';

/**
 * A row for `document`, signed as a document token with the active master key. Entries already
 * registered keep their stage; new ones are local until the resolver accepts the document.
 */
export async function entityRecordFor(params: {
  document: DidDocument;
  masterSecret: Uint8Array;
  resolverUrl: string;
  previous?: EntityRecord;
  now: number;
}): Promise<EntityRecord> {
  const { document, previous, now } = params;
  const token = await createDocumentToken(document, { secretKey: params.masterSecret, audience: documentAudience(params.resolverUrl) });
  const entries = document.identityChain.entries.map((entry, height) => ({
    extIds: [...entry.extIds],
    content: entry.content,
    stage: (previous?.entries[height]?.stage ?? 'local') as Stage,
  }));
  return {
    did: document.id,
    kind: document.ioticsDIDType,
    format: 'sigil',
    label: document.metadata.label ?? previous?.label ?? '',
    stage: 'local',
    chainId: document.identityChain.chainId,
    names: [...document.identityChain.names],
    entries,
    document: document as unknown as Record<string, unknown>,
    documentToken: token,
    createdAt: previous?.createdAt ?? now,
    updatedAt: now,
  };
}

/**
 * A row for an IOTICS `document` (DESIGN §2.8): no identity chain, so no chain id, names or entries;
 * the document token is signed by `signer`, a non-revoked owner key. `removedKeys` keeps every owner
 * key rotations took out of the document (the document itself no longer lists them).
 */
export function ioticsEntityRecordFor(params: {
  document: IoticsDocument;
  signer: { keyId: string; secretKey: Uint8Array };
  resolverUrl: string;
  label: string;
  previous?: EntityRecord;
  removedKeys?: readonly RemovedKeyRecord[];
  now: number;
}): EntityRecord {
  const { document, previous, now } = params;
  const kind = document.ioticsDIDType;
  if (kind === 'host') throw new SigilError(ErrorCode.internal, 'Sigil does not hold IOTICS host identities.');
  const token = createIoticsDocumentToken(document, { ...params.signer, audience: documentAudience(params.resolverUrl) });
  return {
    did: document.id,
    kind,
    format: 'iotics',
    label: params.label,
    stage: 'local',
    chainId: '',
    names: [],
    entries: [],
    document: document as unknown as Record<string, unknown>,
    documentToken: token,
    removedKeys: [...(params.removedKeys ?? previous?.removedKeys ?? [])],
    createdAt: previous?.createdAt ?? now,
    updatedAt: now,
  };
}

/** updateTime for the next version of a document: now, but always after the current one. */
export const nextUpdateTime = (document: { updateTime: number }, now: number): number => Math.max(now, document.updateTime + 1);
