import { describe, expect, it } from 'vitest';
import { LABEL_MAX_LENGTH } from '../../src/core/index';
import { isPageMethod, MAX_TOKEN_SECONDS, pageParamSchemas, type PageMethod } from '../../src/shared/page-api';
import {
  BAD_CHECKSUM_DID,
  DID_A,
  DID_B,
  IDPUB_A,
  IDPUB_B,
  idpubChecksumVerifies,
  invalidParamsMessage,
  isValidDid,
  VALID_DIDS,
  withLastCharacterChanged,
} from './support';

/** What the background router does with a page's params (src/background/page-router.ts): none given is `{}`, path "params". */
const parse = (method: PageMethod, params: unknown): unknown => pageParamSchemas[method].parse(params === undefined ? {} : params, 'params');
const refusal = (method: PageMethod, params: unknown): string => invalidParamsMessage(() => parse(method, params));

/** Every method with params a well-behaved page sends, smallest first, then with every optional field. */
const VALID: { [M in PageMethod]: unknown[] } = {
  sigil_ping: [undefined, {}, null, []],
  sigil_connect: [undefined, {}, { kinds: ['user'] }, { kinds: ['user', 'agent', 'twin'] }],
  sigil_entities: [undefined, {}],
  sigil_disconnect: [undefined, {}],
  sigil_authToken: [
    { user: DID_A },
    { user: DID_A, agent: DID_B, audience: 'https://app.example', durationSeconds: 1 },
    { user: DID_A, durationSeconds: MAX_TOKEN_SECONDS },
  ],
  sigil_delegationProof: [
    { agent: DID_A, delegator: DID_B },
    { agent: DID_A, delegator: DID_B, proofType: 'did' },
    { agent: DID_A, delegator: DID_B, proofType: 'generic' },
  ],
  sigil_createIdentity: [
    { kind: 'user' },
    { kind: 'agent', label: 'x'.repeat(64), names: ['a', 'n'.repeat(1024)] },
    { kind: 'twin', label: 'Thermostat', names: Array.from({ length: 64 }, (_, i) => `name ${i}`), delegateTo: DID_A },
  ],
  sigil_identity: [{ did: DID_A }],
  sigil_identityKeys: [{ did: DID_A }, { did: DID_A, limit: 15, offset: 0 }, { did: DID_B, limit: 100, offset: 30 }],
  sigil_identityKey: [{ did: DID_A, key: IDPUB_A }],
  sigil_replaceKey: [
    { did: DID_A, oldPublicKey: IDPUB_A },
    { did: DID_A, oldPublicKey: IDPUB_A, newPublicKey: IDPUB_B },
  ],
  sigil_document: [{ did: DID_B }],
};

describe('the page methods', () => {
  it('are exactly the methods of DESIGN.md §3 plus the diagnostic ping', () => {
    expect(Object.keys(pageParamSchemas).sort()).toEqual(
      [
        'sigil_authToken',
        'sigil_connect',
        'sigil_createIdentity',
        'sigil_delegationProof',
        'sigil_disconnect',
        'sigil_document',
        'sigil_entities',
        'sigil_identity',
        'sigil_identityKey',
        'sigil_identityKeys',
        'sigil_ping',
        'sigil_replaceKey',
      ].sort(),
    );
  });

  it('isPageMethod knows every method and nothing an object inherits', () => {
    for (const method of Object.keys(pageParamSchemas)) expect(isPageMethod(method)).toBe(true);
    for (const other of ['sigil_unknown', 'eth_requestAccounts', 'toString', 'constructor', '__proto__', 'hasOwnProperty', '', 'SIGIL_PING'])
      expect(isPageMethod(other)).toBe(false);
    expect(isPageMethod(undefined)).toBe(false);
    expect(isPageMethod({ toString: () => 'sigil_ping' })).toBe(false);
  });
});

describe('valid params', () => {
  const cases = (Object.entries(VALID) as [PageMethod, unknown[]][]).flatMap(([method, list]) => list.map((params) => [method, params] as const));

  it.each(cases)('%s accepts valid params (case %#)', (method, params) => {
    const parsed = parse(method, params);
    if (['sigil_ping', 'sigil_entities', 'sigil_disconnect'].includes(method)) expect(parsed).toBeUndefined();
    else expect(parsed).toEqual(params ?? {});
  });

  it('uses DIDs whose checksums verify', () => {
    for (const did of VALID_DIDS) expect(isValidDid(did)).toBe(true);
  });
});

describe('methods without params', () => {
  it.each(['sigil_ping', 'sigil_entities', 'sigil_disconnect'] as const)('%s refuses any param', (method) => {
    expect(refusal(method, { kinds: ['user'] })).toBe('params must be empty: this method takes no parameters.');
    expect(refusal(method, ['x'])).toBe('params must be empty: this method takes no parameters.');
    expect(refusal(method, 'x')).toBe('params must be empty: this method takes no parameters.');
  });
});

describe('methods with params', () => {
  const withParams = (Object.keys(VALID) as PageMethod[]).filter((m) => !['sigil_ping', 'sigil_entities', 'sigil_disconnect'].includes(m));

  it.each(withParams)('%s refuses an unknown key by name', (method) => {
    const params = { ...(VALID[method].at(-1) as object), extra: 1 };
    expect(refusal(method, params)).toBe('params.extra is not a known parameter.');
  });

  it.each(withParams)('%s refuses params that are not an object', (method) => {
    for (const params of [null, [DID_A], DID_A, 42]) expect(refusal(method, params)).toBe('params must be an object.');
  });
});

describe('DIDs', () => {
  const didFields: [PageMethod, string, Record<string, unknown>][] = [
    ['sigil_authToken', 'user', { user: DID_A }],
    ['sigil_authToken', 'agent', { user: DID_A, agent: DID_B }],
    ['sigil_delegationProof', 'agent', { agent: DID_A, delegator: DID_B }],
    ['sigil_delegationProof', 'delegator', { agent: DID_A, delegator: DID_B }],
    ['sigil_createIdentity', 'delegateTo', { kind: 'user', delegateTo: DID_A }],
    ['sigil_identity', 'did', { did: DID_A }],
    ['sigil_identityKeys', 'did', { did: DID_A }],
    ['sigil_identityKey', 'did', { did: DID_A, key: IDPUB_A }],
    ['sigil_replaceKey', 'did', { did: DID_A, oldPublicKey: IDPUB_A }],
    ['sigil_document', 'did', { did: DID_A }],
  ];

  it.each(didFields)('%s refuses a DID whose checksum does not verify as %s', (method, field, base) => {
    expect(refusal(method, { ...base, [field]: BAD_CHECKSUM_DID })).toBe(`${field} is not a valid DID: its checksum does not verify.`);
    const altered = withLastCharacterChanged(DID_A);
    expect(isValidDid(altered)).toBe(false);
    expect(refusal(method, { ...base, [field]: altered })).toBe(`${field} is not a valid DID: its checksum does not verify.`);
  });

  it.each(didFields)('%s refuses what is not shaped like a did:iotics DID as %s', (method, field, base) => {
    for (const bad of [
      'did:iotics:abc',
      `${DID_A}#agent-2-0`,
      ` ${DID_A}`,
      DID_A.replace('did:iotics:', 'did:example:'),
      DID_A.toUpperCase(),
      DID_A.replace(/.$/, '0'),
      42,
      null,
    ])
      expect(refusal(method, { ...base, [field]: bad })).toBe(`${field} must be a did:iotics DID.`);
  });

  it('requires the DIDs a method cannot do without', () => {
    expect(refusal('sigil_authToken', {})).toBe('user must be a did:iotics DID.');
    expect(refusal('sigil_delegationProof', { agent: DID_A })).toBe('delegator must be a did:iotics DID.');
    expect(refusal('sigil_identity', {})).toBe('identityChainId is required.');
    expect(refusal('sigil_document', undefined)).toBe('did must be a did:iotics DID.');
  });
});

describe('sigil_connect', () => {
  it('refuses an empty, repeated or unknown list of kinds', () => {
    expect(refusal('sigil_connect', { kinds: [] })).toBe('params.kinds must have at least 1 item.');
    expect(refusal('sigil_connect', { kinds: ['user', 'user'] })).toBe('params.kinds must not contain duplicates.');
    expect(refusal('sigil_connect', { kinds: ['user', 'robot'] })).toBe('params.kinds[1] must be one of user, agent, twin.');
    expect(refusal('sigil_connect', { kinds: 'user' })).toBe('params.kinds must be an array.');
  });
});

describe('sigil_authToken', () => {
  it.each([0, -1, MAX_TOKEN_SECONDS + 1, 1.5, '600', null])('refuses durationSeconds %j with the range in the message', (durationSeconds) => {
    expect(refusal('sigil_authToken', { user: DID_A, durationSeconds })).toBe('durationSeconds must be an integer from 1 to 86400.');
  });

  it('refuses an empty or overlong audience', () => {
    expect(refusal('sigil_authToken', { user: DID_A, audience: '' })).toBe('params.audience must not be empty.');
    expect(refusal('sigil_authToken', { user: DID_A, audience: 'a'.repeat(513) })).toBe('params.audience must be at most 512 characters.');
    expect(parse('sigil_authToken', { user: DID_A, audience: 'a'.repeat(512) })).toEqual({ user: DID_A, audience: 'a'.repeat(512) });
  });
});

describe('sigil_delegationProof', () => {
  it('accepts only the did and generic proof types', () => {
    expect(refusal('sigil_delegationProof', { agent: DID_A, delegator: DID_B, proofType: 'jwt' })).toBe('params.proofType must be one of did, generic.');
  });
});

describe('sigil_createIdentity', () => {
  it('requires a known kind', () => {
    expect(refusal('sigil_createIdentity', {})).toBe('params.kind must be one of user, agent, twin.');
    expect(refusal('sigil_createIdentity', { kind: 'User' })).toBe('params.kind must be one of user, agent, twin.');
  });

  it('limits the label, the number of names and each name', () => {
    expect(refusal('sigil_createIdentity', { kind: 'user', label: 'x'.repeat(65) })).toBe('params.label must be at most 64 characters.');
    expect(refusal('sigil_createIdentity', { kind: 'user', names: Array.from({ length: 65 }, (_, i) => `n${i}`) })).toBe(
      'params.names must have at most 64 items.',
    );
    expect(refusal('sigil_createIdentity', { kind: 'user', names: ['ok', ''] })).toBe('params.names[1] must not be empty.');
    expect(refusal('sigil_createIdentity', { kind: 'user', names: ['n'.repeat(1025)] })).toBe('params.names[0] must be at most 1024 characters.');
    expect(refusal('sigil_createIdentity', { kind: 'user', names: [7] })).toBe('params.names[0] must be a string.');
  });

  // The identity's label is limited to LABEL_MAX_LENGTH characters (src/core/document.ts counts code points),
  // and the refusal says "characters": a label of 40 characters is not too long.
  it('measures the label in characters, so a 40-character label of emoji is accepted', () => {
    const label = '🦊'.repeat(40);
    expect([...label].length).toBeLessThan(LABEL_MAX_LENGTH);
    expect(parse('sigil_createIdentity', { kind: 'user', label })).toEqual({ kind: 'user', label });
  });
});

describe('sigil_identityKeys', () => {
  it.each([1.5, '15', null, Number.NaN, true])('refuses limit %j with the Factom SDK wording', (limit) => {
    expect(refusal('sigil_identityKeys', { did: DID_A, limit })).toBe('limit must be an integer.');
  });

  it.each([0.5, '0', null, []])('refuses offset %j with the Factom SDK wording', (offset) => {
    expect(refusal('sigil_identityKeys', { did: DID_A, offset })).toBe('offset must be an integer.');
  });
});

describe('sigil_identityKey', () => {
  it.each(['', 5, null, undefined])('refuses key %j', (key) => {
    expect(refusal('sigil_identityKey', { did: DID_A, key })).toBe('key is invalid.');
  });
});

describe('sigil_replaceKey', () => {
  it('uses keys from the vectors whose checksums verify', () => {
    expect(idpubChecksumVerifies(IDPUB_A)).toBe(true);
    expect(idpubChecksumVerifies(IDPUB_B)).toBe(true);
  });

  it('refuses an oldPublicKey or newPublicKey that is not an idpub', () => {
    const idsec = 'idsec1fKP8B6csh3yAHMiEu2x8NBBJvx7nkWhbJB6XvRobaKibvbMy2';
    for (const bad of [idsec, IDPUB_A.slice(0, -1), `${IDPUB_A}1`, '', 7]) {
      expect(refusal('sigil_replaceKey', { did: DID_A, oldPublicKey: bad })).toBe('oldPublicKey is an invalid public key.');
      expect(refusal('sigil_replaceKey', { did: DID_A, oldPublicKey: IDPUB_A, newPublicKey: bad })).toBe('newPublicKey is an invalid public key.');
    }
    expect(refusal('sigil_replaceKey', { did: DID_A })).toBe('oldPublicKey is an invalid public key.');
  });

  // DESIGN.md §2.2: a key string with a wrong checksum is rejected; §3: every param is validated before anything
  // else happens. A newPublicKey that passes here is shown to the person for approval and fails only afterwards.
  it('refuses a newPublicKey whose checksum does not verify, before the person is asked to approve it', () => {
    const altered = withLastCharacterChanged(IDPUB_B);
    expect(idpubChecksumVerifies(altered)).toBe(false);
    expect(refusal('sigil_replaceKey', { did: DID_A, oldPublicKey: IDPUB_A, newPublicKey: altered })).toBe('newPublicKey is an invalid public key.');
  });
});
