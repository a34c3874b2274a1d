import { CoreError } from './errors';

export const ENTITY_KINDS = ['user', 'agent', 'twin'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** `sigil`: Ed25519 keys on a Factom identity chain (DESIGN §2.2–2.7); `iotics`: the IOTICS libraries' secp256k1 format (§2.8). */
export const IDENTITY_FORMATS = ['sigil', 'iotics'] as const;
export type IdentityFormat = (typeof IDENTITY_FORMATS)[number];

/** Factom's default: every entity has keys at priorities 0 (master), 1 and 2 (signing). */
export const KEY_PRIORITIES = [0, 1, 2] as const;

/** An Ed25519 key pair; `secretKey` is the 32-byte RFC 8032 seed. */
export interface KeyPair {
  readonly secretKey: Uint8Array;
  readonly publicKey: Uint8Array;
}

export function assertEntityKind(kind: unknown): asserts kind is EntityKind {
  if (!ENTITY_KINDS.includes(kind as EntityKind))
    throw new CoreError('INVALID_PARAMS', 'kind must be one of user, agent, twin');
}

export function assertIndex(value: unknown, what: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    throw new CoreError('INVALID_PARAMS', `${what} must be a non-negative integer`);
}

/** Key id inside a DID document: `#{kind}-{priority}-{generation}`. */
export function keyId(kind: EntityKind, priority: number, generation: number): string {
  assertEntityKind(kind);
  assertIndex(priority, 'priority');
  assertIndex(generation, 'generation');
  return `#${kind}-${priority}-${generation}`;
}

const KEY_ID_PATTERN = new RegExp(`^#(${ENTITY_KINDS.join('|')})-(0|[1-9]\\d{0,8})-(0|[1-9]\\d{0,8})$`);

export function parseKeyId(id: string): { kind: EntityKind; priority: number; generation: number } {
  const match = typeof id === 'string' ? KEY_ID_PATTERN.exec(id) : null;
  if (!match) throw new CoreError('INVALID_PARAMS', 'key id must look like #kind-priority-generation');
  return { kind: match[1] as EntityKind, priority: Number(match[2]), generation: Number(match[3]) };
}
