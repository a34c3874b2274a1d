import { describe, expect, it } from 'vitest';
import { keyNameProblem } from '../../../../src/background/vault/secrets';
import { validateKeyName } from '../../../../src/core/index';
import { uiRequestSchemas } from '../../../../src/shared/ui-api';
import { DID_A } from '../../../shared/support';
import {
  checkDraft,
  draftNames,
  draftToInput,
  emptyDraft,
  hasErrors,
  type EntityDraft,
} from '../../../../src/ui/popup/create/entity-draft';

/** A draft with a key name the person chose (most rules below are about that name). */
const draft = (fields: Partial<EntityDraft>): EntityDraft => ({ label: 'Alice', keyNameMode: 'custom', keyName: 'alice', namesText: '', ...fields });

describe('emptyDraft and the default key name', () => {
  it('starts with the wallet’s default key name: nothing typed, nothing to check, nothing sent', () => {
    expect(emptyDraft()).toEqual({ label: '', keyNameMode: 'default', keyName: '', namesText: '' });
    const fresh = emptyDraft('Alice Smith');
    expect(checkDraft(fresh)).toEqual({});
    expect(draftToInput(fresh, null)).toEqual({ label: 'Alice Smith' });
  });

  it('a key name left over from custom mode is not sent once the default is chosen again', () => {
    expect(draftToInput(draft({ keyNameMode: 'default', keyName: 'alice' }), null)).toEqual({ label: 'Alice' });
    expect(checkDraft(draft({ keyNameMode: 'default', keyName: '' })).keyName).toBeUndefined();
  });
});

describe('draftNames', () => {
  it('reads one name per line, trimmed, skipping blank lines', () => {
    expect(draftNames(draft({ namesText: '  first \n\n second\n   \nthird' }))).toEqual(['first', 'second', 'third']);
    expect(draftNames(draft({ namesText: '' }))).toEqual([]);
  });
});

describe('checkDraft', () => {
  it('finds nothing wrong with a complete draft', () => {
    const errors = checkDraft(draft({ namesText: 'alice@example.org' }));
    expect(errors).toEqual({});
    expect(hasErrors(errors)).toBe(false);
  });

  it('asks for a label when there is none or only spaces', () => {
    for (const label of ['', '   ']) {
      const errors = checkDraft(draft({ label }));
      expect(errors.label).toBe('Give it a label, e.g. a person’s or a device’s name.');
      expect(hasErrors(errors)).toBe(true);
    }
  });

  it('allows 64 characters of label, counting each emoji as one', () => {
    expect(checkDraft(draft({ label: 'x'.repeat(64) })).label).toBeUndefined();
    expect(checkDraft(draft({ label: '🦊'.repeat(64) })).label).toBeUndefined();
    expect(checkDraft(draft({ label: 'x'.repeat(65) })).label).toBe('A label is at most 64 characters.');
  });

  it('refuses control and bidirectional override characters in the label and the names, as the background does', () => {
    const refused = 'A label cannot contain control or bidirectional override characters.';
    for (const label of ['Ali\u0007ce', 'Ali\u0085ce', 'Pay\u202Eevil', 'a\u2067b']) expect(checkDraft(draft({ label })).label).toBe(refused);
    expect(checkDraft(draft({ namesText: 'ok\nx\u202Dy' })).names).toBe('Names cannot contain control or bidirectional override characters.');
    expect(checkDraft(draft({ label: 'Küche – غرفة', namesText: 'a\nb' }))).toEqual({});
  });

  it('requires a key name of at most 64 characters, without "/" or control characters', () => {
    expect(checkDraft(draft({ keyName: '' })).keyName).toBe('A key name is required.');
    expect(checkDraft(draft({ keyName: 'k'.repeat(65) })).keyName).toBe('A key name is at most 64 characters.');
    expect(checkDraft(draft({ keyName: '🔑'.repeat(64) })).keyName).toBeUndefined();
    expect(checkDraft(draft({ keyName: 'home/alice' })).keyName).toBe('A key name cannot contain “/”.');
    expect(checkDraft(draft({ keyName: 'alice\n' })).keyName).toBe('A key name cannot contain control characters.');
  });

  it('limits the extra names to 63, each at most 1024 characters', () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `name-${i}`).join('\n');
    expect(checkDraft(draft({ namesText: lines(63) })).names).toBeUndefined();
    expect(checkDraft(draft({ namesText: lines(64) })).names).toBe('At most 63 extra names.');
    expect(checkDraft(draft({ namesText: `ok\n${'n'.repeat(1025)}` })).names).toBe('Each name is at most 1024 characters.');
    expect(checkDraft(draft({ namesText: 'n'.repeat(1024) })).names).toBeUndefined();
  });

  it('reports every field that is wrong at once', () => {
    expect(Object.keys(checkDraft({ label: '', keyNameMode: 'custom', keyName: '', namesText: 'n'.repeat(2000) })).sort()).toEqual([
      'keyName',
      'label',
      'names',
    ]);
  });

  // The draft promises the background's rules (DESIGN §2.2), which src/core/derive.ts applies to the key name
  // after NFKD normalisation: a look-alike that normalises to "/" is refused there.
  it('refuses exactly the key names the background refuses', () => {
    const keyNames = ['alice', 'a'.repeat(64), 'a'.repeat(65), '🔑'.repeat(64), 'a/b', 'tab\there', 'ﬁle', 'a\uFF0Fb', 'a\u2044b'];
    const disagreements = keyNames.filter((keyName) => {
      let backgroundRefuses = false;
      try {
        validateKeyName(keyName);
      } catch {
        backgroundRefuses = true;
      }
      return backgroundRefuses !== (checkDraft(draft({ keyName })).keyName !== undefined);
    });
    expect(disagreements).toEqual([]);
  });
});

describe('checkDraft for the IOTICS format', () => {
  it('takes any non-empty key name of up to 256 characters, "/" and all, as the IOTICS libraries do', () => {
    for (const keyName of ['home/alice', 'alice\n', ' a b ', 'k'.repeat(256), '🔑'.repeat(256)]) expect(checkDraft(draft({ keyName }), 'iotics').keyName).toBeUndefined();
    expect(checkDraft(draft({ keyName: '' }), 'iotics').keyName).toBe('A key name is required.');
    expect(checkDraft(draft({ keyName: 'k'.repeat(257) }), 'iotics').keyName).toBe('A key name is at most 256 characters.');
  });

  it('ignores public names, which an IOTICS document has no chain to hold', () => {
    expect(checkDraft(draft({ namesText: 'n'.repeat(2000) }), 'iotics')).toEqual({});
  });

  it('checks the label as for Sigil’s format', () => {
    expect(checkDraft(draft({ label: ' ' }), 'iotics').label).toBe('Give it a label, e.g. a person’s or a device’s name.');
    expect(checkDraft(draft({ label: 'Pay\u202Eevil' }), 'iotics').label).toBe('A label cannot contain control or bidirectional override characters.');
  });

  it('refuses exactly the key names the background refuses, in each format', () => {
    const keyNames = ['alice', 'a'.repeat(64), 'a'.repeat(65), 'a'.repeat(256), 'a'.repeat(257), '🔑'.repeat(256), 'a/b', 'tab\there', 'a\uFF0Fb', ''];
    const disagreements = (['sigil', 'iotics'] as const).flatMap((format) =>
      keyNames
        .filter((keyName) => (keyNameProblem(keyName, format) !== null) !== (checkDraft(draft({ keyName }), format).keyName !== undefined))
        .map((keyName) => `${format}: ${keyName.slice(0, 12)}`),
    );
    expect(disagreements).toEqual([]);
  });
});

describe('draftToInput', () => {
  it('drops the public names for the IOTICS format', () => {
    expect(draftToInput(draft({ namesText: 'a\nb' }), 'seed-1', 'iotics')).toEqual({ label: 'Alice', keyName: 'alice', seedId: 'seed-1' });
  });

  it('sends the trimmed label, the key name exactly as typed, and the names', () => {
    expect(draftToInput(draft({ label: '  Alice  ', keyName: ' alice ', namesText: 'a\n\n b ' }), 'seed-1')).toEqual({
      label: 'Alice',
      keyName: ' alice ',
      seedId: 'seed-1',
      names: ['a', 'b'],
    });
  });

  it('leaves out the seed and the names when there are none', () => {
    const input = draftToInput(draft({ namesText: ' \n ' }), null);
    expect(input).toEqual({ label: 'Alice', keyName: 'alice' });
    expect(Object.keys(input).sort()).toEqual(['keyName', 'label']);
  });
});

describe('what checkDraft accepts', () => {
  const accepted = (fields: Partial<EntityDraft>) => {
    const entity = draft(fields);
    expect(checkDraft(entity)).toEqual({});
    return { ...draftToInput(entity, 'seed-1'), kind: 'user' as const };
  };

  it('the background accepts for ui_createEntity, ui_createUserAndAgent and ui_createTwin in the IOTICS format', () => {
    const user = draft({ keyName: 'k/'.repeat(128) });
    expect(checkDraft(user, 'iotics')).toEqual({});
    const single = { ...draftToInput(user, null, 'iotics'), format: 'iotics' as const, kind: 'user' as const };
    expect(uiRequestSchemas.ui_createEntity.parse(single, 'payload')).toEqual(single);
    const pair = { user: draftToInput(user, null, 'iotics'), agent: draftToInput(draft({ label: 'Agent' }), null, 'iotics'), format: 'iotics' as const };
    expect(uiRequestSchemas.ui_createUserAndAgent.parse(pair, 'payload')).toEqual(pair);
    const twin = { ...draftToInput(draft({ label: 'Pump' }), null, 'iotics'), format: 'iotics' as const, agent: DID_A };
    expect(uiRequestSchemas.ui_createTwin.parse(twin, 'payload')).toEqual(twin);
  });

  it('the background accepts for ui_createEntity', () => {
    for (const fields of [{}, { label: 'x'.repeat(64), keyName: 'k'.repeat(64) }, { namesText: Array.from({ length: 63 }, (_, i) => `n${i}`).join('\n') }]) {
      const request = accepted(fields);
      expect(uiRequestSchemas.ui_createEntity.parse(request, 'payload')).toEqual(request);
    }
  });

  // DESIGN §2.2 and src/core count characters (code points); the draft does too. The ui_createEntity schema
  // (src/shared/ui-api/identities.ts) counts UTF-16 code units, so a 40-emoji label or key name comes back
  // refused as longer than 64 characters.
  it('the background accepts for ui_createEntity when the label or key name has emoji', () => {
    const refusals = [{ label: '🦊'.repeat(40) }, { keyName: '🔑'.repeat(40) }].flatMap((fields) => {
      try {
        uiRequestSchemas.ui_createEntity.parse(accepted(fields), 'payload');
        return [];
      } catch (error) {
        return [`${Object.keys(fields)[0]}: ${(error as Error).message}`];
      }
    });
    expect(refusals).toEqual([]);
  });
});
