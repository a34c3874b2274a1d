/**
 * Sigil identity core: pure TypeScript, runs in Node 20, the extension's background and web pages.
 */
export { CoreError, isCoreError, type CoreErrorCode, type Check } from './errors';
export { utf8Encode, utf8Decode, bytesToHex, hexToBytes, concatBytes, equalBytes, randomBytes } from './bytes';
export { base58Encode, base58Decode, MAX_BASE58_LENGTH } from './base58';
export { base64Encode, base64Decode, base64urlEncode, base64urlDecode } from './base64';
export * as ed25519 from './ed25519';
export {
  encodeIdpub,
  encodeIdsec,
  decodeIdpub,
  decodeIdsec,
  decodeFactomKey,
  isIdpub,
  isIdsec,
  FACTOM_KEY_LENGTH,
  inspectFactomKey,
  type FactomKeyKind,
  type FactomKeyInfo,
} from './factom-keys';
export { didFromPublicKey, parseDid, checkDid, isValidDid, didMatchesPublicKey, parseDidUrl, DID_PATTERN, DID_LENGTH } from './did';
export { ENTITY_KINDS, IDENTITY_FORMATS, type IdentityFormat, KEY_PRIORITIES, keyId, parseKeyId, type EntityKind, type KeyPair } from './types';
export {
  generateSeed,
  entropyToMnemonic,
  mnemonicToEntropy,
  normalizeMnemonic,
  isValidMnemonic,
  mnemonicWords,
  readMnemonic,
  readSeedHex,
  parseSeedHex,
  type MnemonicProblem,
  type SeedHexProblem,
  mnemonicToMaster,
  entropyToMaster,
} from './mnemonic';
export {
  validateKeyName,
  derivationPath,
  deriveSecretKey,
  deriveKey,
  deriveEntityKeys,
  KEY_NAME_MAX_LENGTH,
  type KeyPath,
  type DerivedKey,
} from './derive';
export { entryBytes, entryHash, entryToJson, entryFromJson, type Entry, type EntryJson } from './entry';
export {
  chainIdFromExtIds,
  identityChainId,
  calculateIdentityBytes,
  firstEntryContent,
  createIdentityChain,
  replacementMessage,
  createReplacementEntry,
  MAX_IDENTITY_BYTES,
  IDENTITY_CHAIN_ID_PATTERN,
  isIdentityChainId,
  identityChainIdParam,
  IDENTITY_CHAIN_ID_REQUIRED,
  IDENTITY_CHAIN_ID_INVALID,
  checkReplacementParams,
  type IdentityChainJson,
  type NewIdentityChain,
  type ReplacementEntry,
} from './identity-chain';
export { replayIdentityChain, activeKey, signingKey, type ChainKey, type IdentityState } from './replay';
export { replaceKey, type KeyReplacement } from './replace-key';
export {
  factomIdentity,
  factomKeys,
  factomKey,
  toFactomKey,
  DEFAULT_KEYS_LIMIT,
  MAX_KEYS_LIMIT,
  STAGES,
  type Stage,
  type FactomKey,
  type FactomIdentity,
  type FactomKeyList,
} from './factom-api';
export {
  createIdentity,
  buildDocument,
  updateDocument,
  createDocumentProof,
  documentKeys,
  type DocumentFields,
  type DocumentUpdate,
  type IdentityKeyInput,
  type NewIdentity,
} from './document';
export {
  DID_CONTEXT,
  IOTICS_SPEC_VERSION,
  KEY_TYPE,
  LABEL_MAX_LENGTH,
  PROOF_TYPES,
  type DidDocument,
  type DocumentKey,
  type Delegation,
  type DelegationInput,
  type DocumentMetadata,
  type ProofType,
} from './document-types';
export { validateDocument, assertValidDocument, type DocumentCheck } from './validate-document';
export {
  createDelegationProof,
  delegationMessage,
  addDelegation,
  revokeDelegation,
  renewDelegations,
  validateDelegation,
  checkDelegationWithState,
  staleDelegations,
  nextDelegationId,
  delegationListFor,
  type DelegationList,
  type StaleDelegation,
} from './delegation';
export { signJwt, decodeJwt, decodeJwtWith, type DecodedJwt, type JwtAlgorithm } from './jwt';
export { createDocumentToken, verifyDocumentToken, type VerifiedDocumentToken } from './document-token';
export {
  createAuthToken,
  verifyAuthToken,
  verifySigilAuthToken,
  AUTH_TOKEN_MAX_SECONDS,
  type AuthTokenClaims,
  type VerifyAuthTokenOptions,
  type VerifiedAuthToken,
  type VerifiedSigilAuthToken,
} from './auth-token';
export { staticResolver, httpResolver, type DocumentResolver, type ResolvedDocument, type HttpResolverOptions } from './resolver';
export {
  verifyAnyDocumentToken,
  checkDocumentSuccession,
  documentTokenFormat,
  documentFormat,
  type VerifiedAnyDocument,
} from './registration';
export * from './iotics/index';
export {
  DISCOVERY_GAP_LIMIT,
  DISCOVERY_MAX_LOOKUPS,
  defaultKeyName,
  defaultKeyNumber,
  nextDefaultKeyName,
  ioticsKeyPath,
  ioticsKeyNumber,
  discoverIdentities,
  type DiscoverySeed,
  type DocumentTokenLookup,
  type DiscoveredIdentity,
  type DiscoveredSigilIdentity,
  type DiscoveredIoticsIdentity,
  type RefusedDiscovery,
  type DiscoveryResult,
  type DiscoveryOptions,
} from './discovery';
