/** Display helpers: long public identifiers shortened to their start and end, enough to tell them apart; dates. */
export function shortDid(did: string): string {
  const id = did.replace(/^did:iotics:/, '');
  return id.length > 16 ? `${id.slice(0, 9)}…${id.slice(-5)}` : id;
}

export function shortHash(hex: string): string {
  return hex.length > 16 ? `${hex.slice(0, 8)}…${hex.slice(-6)}` : hex;
}

/** An IOTICS key's publicKeyBase58 (about 88 characters): its start and end. */
export function shortKey(base58: string): string {
  return base58.length > 20 ? `${base58.slice(0, 10)}…${base58.slice(-6)}` : base58;
}

export function formatDate(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
