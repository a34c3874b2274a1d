/**
 * The in-page half of the security suite's fuzz: random and boundary params for every page method
 * (and a few methods that do not exist), sent through window.sigil.request from one frame, many at
 * a time. Runs inside the page (Playwright serialises `fuzzInPage`), so it uses nothing from outside.
 */

export interface FuzzInput {
  /** How many requests to send from this frame. */
  count: number;
  /** Seeds the pseudo-random choices, so that a finding can be replayed. */
  seed: number;
  /** At most this many requests in flight at once. */
  inFlight: number;
  /** DIDs worth aiming at: the wallet's (shared with the connected site) and well-formed strangers. */
  dids: string[];
  /** Public keys of the wallet's entities (idpub…), for the key methods. */
  keys: string[];
  /** Methods left out from this frame (sigil_disconnect from the connected site: it would end the run's connection). */
  skipMethods: string[];
  /** How long an unanswered request is waited for before it counts as lost. */
  lostAfterMs: number;
}

export interface FuzzAnswer {
  method: string;
  /** 'result', the error code as a string, 'threw' (synchronous throw), or 'lost'. */
  outcome: string;
  /** The whole answer as the page received it, for the secret scan. */
  text: string;
}

export interface FuzzOutput {
  answers: FuzzAnswer[];
  /** Events the page received meanwhile (sigil.on), as text. */
  events: string[];
  /** True when this frame has no window.sigil (Sigil does not serve it). */
  noProvider: boolean;
}

export async function fuzzInPage(input: FuzzInput): Promise<FuzzOutput> {
  const sigil = (window as unknown as { sigil?: { request(args: unknown): Promise<unknown>; on(event: string, listener: (data: unknown) => void): void } })
    .sigil;
  if (!sigil) return { answers: [], events: [], noProvider: true };
  const events: string[] = [];
  for (const event of ['entitiesChanged', 'lock', 'unlock', 'disconnect'])
    sigil.on(event, (data: unknown) => events.push(`${event} ${JSON.stringify(data) ?? ''}`));

  let state = input.seed >>> 0;
  const random = (): number => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

  const METHODS = [
    'sigil_ping',
    'sigil_connect',
    'sigil_entities',
    'sigil_disconnect',
    'sigil_authToken',
    'sigil_delegationProof',
    'sigil_createIdentity',
    'sigil_identity',
    'sigil_identityKeys',
    'sigil_identityKey',
    'sigil_replaceKey',
    'sigil_document',
  ].filter((method) => !input.skipMethods.includes(method));
  const STRANGE_METHODS = ['sigil_nope', 'eth_requestAccounts', '__proto__', 'constructor', 'toString', '', 'sigil_'.repeat(300), 'SIGIL_PING'];
  const FIELDS = [
    'did', 'key', 'user', 'agent', 'audience', 'durationSeconds', 'delegator', 'proofType', 'kind', 'kinds', 'format', 'label',
    'names', 'delegateTo', 'oldPublicKey', 'newPublicKey', 'limit', 'offset', 'origin', '__proto__', 'constructor',
  ];
  const lengths = [0, 1, 2, 46, 47, 48, 54, 55, 56, 63, 64, 65, 127, 128, 129, 256, 1024, 4096, 100_000];
  const stringOf = (length: number) => pick(['a', '1', 'é', '\u202e', 'z', '/', '%', '\u0000']).repeat(length);
  const SPECIAL_STRINGS = [
    '', ' ', 'null', 'undefined', 'did:iotics:', 'did:iotics:iot', 'did:iotics:iotXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', 'did:factom:x',
    'https://evil.example', 'http://127.0.0.1', 'user', 'agent', 'twin', 'wizard', 'did', 'generic', 'sigil', 'iotics',
    'idpub', 'idsec', '#agent-0-0', '../../etc', '<script>alert(1)</script>', 'label\nwith newline', 'a\u202eb', '💥'.repeat(40),
  ];
  const NUMBERS = [0, -1, 1, 2, 59, 60, 61, 3599, 3600, 86_400, 86_401, 2 ** 31, 2 ** 53, -(2 ** 53), 1e308, -0, 0.5, Number.MAX_VALUE];
  const value = (depth: number): unknown => {
    switch (Math.floor(random() * 12)) {
      case 0:
      case 1:
      case 2:
        return pick(input.dids);
      case 3:
        return pick(input.keys);
      case 4:
        return stringOf(pick(lengths));
      case 5:
        return pick(SPECIAL_STRINGS);
      case 6:
        return pick(NUMBERS);
      case 7:
        return pick([null, true, false, undefined]);
      case 8:
        return depth > 2 ? [] : Array.from({ length: pick([0, 1, 2, 3, 100]) }, () => value(depth + 1));
      case 9:
        return pick([['user'], ['agent', 'twin'], [], ['wizard'], ['user', 'user'], Array(50).fill('agent')]);
      case 10:
        return depth > 2 ? {} : paramsObject(depth + 1);
      default:
        return `${pick(input.dids)}${pick(['#agent-0-0', '#user-0-1', ' ', '\n', 'X', ''])}`;
    }
  };
  const paramsObject = (depth: number): Record<string, unknown> => {
    const object: Record<string, unknown> = {};
    const fields = Math.floor(random() * 5);
    for (let i = 0; i < fields; i++) {
      const field = pick(FIELDS);
      if (field === '__proto__') Object.defineProperty(object, '__proto__', { value: value(depth), enumerable: true, configurable: true, writable: true });
      else object[field] = value(depth);
    }
    return object;
  };
  /** Params a port cannot carry as JSON: the provider must refuse them with -32602. */
  const exotic = (): unknown => {
    switch (Math.floor(random() * 8)) {
      case 0:
        return { did: BigInt(10) };
      case 1: {
        const cycle: Record<string, unknown> = { did: pick(input.dids) };
        cycle.self = cycle;
        return cycle;
      }
      case 2:
        return { did: () => 1 };
      case 3:
        return { durationSeconds: NaN, user: pick(input.dids) };
      case 4:
        return { did: new Date(0) };
      case 5:
        return new Map([['did', pick(input.dids)]]);
      case 6:
        return { key: new Uint8Array(8) };
      default: {
        let deep: unknown = pick(input.dids);
        for (let i = 0; i < 40; i++) deep = { did: deep };
        return deep;
      }
    }
  };
  const nextRequest = (): { method: string; args: unknown } => {
    const method = random() < 0.05 ? pick(STRANGE_METHODS) : pick(METHODS);
    const roll = random();
    if (roll < 0.12) return { method, args: { method } };
    if (roll < 0.2) return { method, args: { method, params: exotic() } };
    if (roll < 0.28) return { method, args: { method, params: pick([null, true, 0, 'x', [], [1, 2], '{}']) } };
    if (roll < 0.3) return { method, args: pick([null, undefined, 'sigil_ping', { params: {} }, { method: 1 }, [method]]) };
    return { method, args: { method, params: paramsObject(0) } };
  };

  const answers: FuzzAnswer[] = [];
  const sendOne = async (): Promise<void> => {
    const { method, args } = nextRequest();
    let answer: Promise<unknown>;
    try {
      answer = sigil.request(args);
    } catch (error) {
      answers.push({ method, outcome: 'threw', text: String(error) });
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const lost = new Promise<'lost'>((done) => (timer = setTimeout(() => done('lost'), input.lostAfterMs)));
    const settled = await Promise.race([
      answer.then(
        (result) => ({ outcome: 'result', text: JSON.stringify(result) ?? 'undefined' }),
        (error: { code?: unknown; message?: unknown; data?: unknown }) => ({
          outcome: String(error?.code),
          text: `${String(error?.message)} ${JSON.stringify(error?.data) ?? ''}`,
        }),
      ),
      lost.then(() => ({ outcome: 'lost', text: '' })),
    ]);
    clearTimeout(timer);
    answers.push({ method, ...settled });
  };
  let sent = 0;
  const lane = async (): Promise<void> => {
    while (sent < input.count) {
      sent += 1;
      await sendOne();
    }
  };
  await Promise.all(Array.from({ length: input.inFlight }, lane));
  return { answers, events, noProvider: false };
}
