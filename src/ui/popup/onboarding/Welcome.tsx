import { Screen } from '../../components/Screen';

export type SetupPath = 'create' | 'import' | 'backup';

/** The first screen of an empty wallet: three ways in. */
export function Welcome({ onChoose }: { onChoose: (path: SetupPath) => void }) {
  return (
    <Screen name="welcome" title="Welcome to Sigil">
      <p>Sigil keeps the keys of your decentralised identities — Users, Agents and Twins — encrypted on this device, and signs for them when you agree.</p>
      <div class="choice-cards">
        <button type="button" class="choice-card" onClick={() => onChoose('create')}>
          <strong>Create a new wallet</strong>
          <span>A new recovery phrase of 24 words, which you write down.</span>
        </button>
        <button type="button" class="choice-card" onClick={() => onChoose('import')}>
          <strong>Import a recovery phrase or seed</strong>
          <span>12 or 24 words, or a seed in hexadecimal (IOTICS).</span>
        </button>
        <button type="button" class="choice-card" onClick={() => onChoose('backup')}>
          <strong>Restore a backup file</strong>
          <span>A file exported from Sigil, with its password.</span>
        </button>
      </div>
      <p class="muted" style={{ marginTop: '12px' }}>
        Have a Factom private key (idsec…)? Set up the wallet first; you can import the key right after.
      </p>
    </Screen>
  );
}
