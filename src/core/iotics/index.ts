/** The IOTICS format (DESIGN §2.8): secp256k1 keys, documents, delegations and tokens as the IOTICS libraries make them. */
export {
  IOTICS_SEED_METHODS,
  IOTICS_PATH_PREFIX,
  IOTICS_KEY_NAME_MAX_LENGTH,
  ioticsMaster,
  ioticsPath,
  ioticsKeyPairFromPath,
  ioticsKeyPairFromSecret,
  deriveIoticsKey,
  validateIoticsKeyName,
  type IoticsSeedMethod,
  type IoticsSeedOptions,
  type IoticsKeyPair,
} from './derive';
export {
  IOTICS_PUBLIC_KEY_BYTES,
  IOTICS_SECRET_KEY_BYTES,
  assertIoticsSecretKey,
  ioticsPublicKey,
  isIoticsPublicKey,
  signDer as signIoticsDer,
  signRaw as signIoticsRaw,
  verifyDer as verifyIoticsDer,
  verifyRaw as verifyIoticsRaw,
} from './secp256k1';
export { ioticsDidFromPublicKey } from './identifier';
export {
  IOTICS_DID_CONTEXT,
  IOTICS_DOCUMENT_SPEC_VERSION,
  IOTICS_SPEC_VERSIONS,
  IOTICS_KEY_TYPE,
  IOTICS_AUTH_KEY_TYPE,
  IOTICS_NAME_PATTERN,
  IOTICS_DID_TYPES,
  IOTICS_METADATA_LIMITS,
  type IoticsDidType,
  type IoticsPublicKey,
  type IoticsAuthenticationKey,
  type IoticsDelegation,
  type IoticsMetadata,
  type IoticsDocument,
} from './document-types';
export {
  orderIoticsDocument,
  createIoticsDocumentProof,
  createIoticsDocument,
  updateIoticsDocument,
  nextIoticsKeyId,
  addIoticsOwnerKey,
  removeIoticsOwnerKey,
  type IoticsDocumentChanges,
} from './document';
export {
  validateIoticsDocument,
  assertValidIoticsDocument,
  didKeyOf as ioticsDidKeyOf,
  IOTICS_MAX_KEYS,
  IOTICS_MAX_DELEGATIONS,
  type IoticsDocumentCheck,
} from './validate-document';
export {
  createIoticsDelegationProof,
  randomIoticsDelegationId,
  addIoticsDelegation,
  validateIoticsDelegation,
  renewIoticsDelegations,
  type IoticsDelegationList,
} from './delegation';
export { IOTICS_JWT_HEADER, pythonJson, signIoticsJwt, decodeIoticsJwt, verifyIoticsJwtSignature } from './jwt';
export { createIoticsDocumentToken, verifyIoticsDocumentToken, type VerifiedIoticsDocumentToken } from './document-token';
export {
  IOTICS_TOKEN_MIN_SECONDS,
  IOTICS_TOKEN_MAX_SECONDS,
  IOTICS_TOKEN_BACKDATE_SECONDS,
  createIoticsAuthToken,
  createIoticsTwinToken,
  type IoticsAuthTokenClaims,
} from './auth-token';
export { verifyIoticsAuthToken, type VerifyIoticsAuthTokenOptions, type VerifiedIoticsAuthToken } from './verify-auth-token';
export { rotateIoticsKey, type IoticsKeyRotation, type IoticsDocumentUpdate } from './rotation';
