import { describe, expect, it } from 'vitest';
import { upgradeToCurrent, type VersionedFormat } from '../../src/background/vault';

/** A toy format with three versions: 2 renames a field, 3 adds one. */
const toy: VersionedFormat = {
  current: 3,
  migrations: {
    1: ({ name, ...rest }) => ({ ...rest, label: name }),
    2: (v2) => ({ ...v2, tags: [] }),
  },
};

describe('versioned stored formats', () => {
  it('upgrades one step at a time, from any older version, and says where it started', () => {
    expect(upgradeToCurrent({ version: 1, name: 'a' }, toy)).toEqual({
      state: 'upgraded',
      value: { version: 3, label: 'a', tags: [] },
      from: 1,
    });
    expect(upgradeToCurrent({ version: 2, label: 'b' }, toy)).toEqual({
      state: 'upgraded',
      value: { version: 3, label: 'b', tags: [] },
      from: 2,
    });
    expect(upgradeToCurrent({ version: 3, label: 'c', tags: ['x'] }, toy)).toEqual({
      state: 'upgraded',
      value: { version: 3, label: 'c', tags: ['x'] },
      from: 3,
    });
  });

  it('tells a newer version apart from an unknown or missing one', () => {
    expect(upgradeToCurrent({ version: 4, anything: true }, toy)).toEqual({ state: 'newer', version: 4 });
    for (const stored of [{ version: 0 }, { version: '2' }, { version: 1.5 }, {}, [], 'text', null])
      expect(upgradeToCurrent(stored, toy)).toEqual({ state: 'unknown' });
    // A gap in the list (no way from 1 to 2) is unknown, never a silent skip.
    expect(upgradeToCurrent({ version: 1 }, { current: 2, migrations: {} })).toEqual({ state: 'unknown' });
  });
});
