import type { WalletState } from '../../../shared/ui-api';
import { Screen } from '../../components/Screen';
import { href, type SettingsSection } from '../route';
import { VersionLine } from '../VersionLine';
import { AutoLockSettings } from './AutoLockSettings';
import { BackupSettings } from './BackupSettings';
import { ChangePassword } from './ChangePassword';
import { NewSeed } from './NewSeed';
import { ConnectedSites } from './ConnectedSites';
import { ResolverSettings } from './ResolverSettings';
import { RevealMnemonic } from './RevealMnemonic';
import { SeedsAndKeys } from './SeedsAndKeys';

const autoLockText = (minutes: WalletState['autoLockMinutes']): string =>
  minutes === 'never' ? 'Never' : minutes === 1 ? 'After 1 minute' : minutes % 60 === 0 ? `After ${minutes / 60} h` : `After ${minutes} minutes`;

const SECTIONS: { section: SettingsSection; title: string; describe: (state: WalletState) => string }[] = [
  { section: 'auto-lock', title: 'Auto-lock', describe: (state) => autoLockText(state.autoLockMinutes) },
  { section: 'resolver', title: 'Resolver', describe: (state) => state.resolverUrl || 'None: identities stay local' },
  { section: 'password', title: 'Change password', describe: () => 'The password that unlocks Sigil' },
  { section: 'backup', title: 'Backup', describe: () => 'Export an encrypted file, or restore one' },
  { section: 'mnemonic', title: 'Reveal recovery phrase', describe: () => 'Needs your password' },
  { section: 'seeds', title: 'Seeds and imported keys', describe: () => 'Add a seed, import a Factom idsec key' },
  { section: 'new-seed', title: 'Create a new seed', describe: () => 'New recovery words, shown and checked like at set-up' },
  { section: 'sites', title: 'Connected sites', describe: () => 'Sites you shared identities with' },
];

export interface SettingsProps {
  section: SettingsSection | null;
  state: WalletState;
  onState: (state: WalletState) => void;
}

/** The settings menu, and each setting on its own screen. */
export function Settings({ section, state, onState }: SettingsProps) {
  if (!section)
    return (
      <Screen name="settings" title="Settings" back="#/">
        <ul class="menu">
          {SECTIONS.map((each) => (
            <li key={each.section}>
              <a href={href({ screen: 'settings', section: each.section })}>
                {each.title}
                <span>{each.describe(state)}</span>
              </a>
            </li>
          ))}
        </ul>
        <VersionLine state={state} />
      </Screen>
    );
  // Its steps are screens of their own (the words, the check), like set-up's.
  if (section === 'new-seed') return <NewSeed />;
  const title = SECTIONS.find((each) => each.section === section)!.title;
  return (
    <Screen name={`settings-${section}`} title={title} back="#/settings">
      {section === 'auto-lock' && <AutoLockSettings state={state} onState={onState} />}
      {section === 'resolver' && <ResolverSettings state={state} onState={onState} />}
      {section === 'password' && <ChangePassword />}
      {section === 'backup' && <BackupSettings onState={onState} />}
      {section === 'mnemonic' && <RevealMnemonic />}
      {section === 'seeds' && <SeedsAndKeys />}
      {section === 'sites' && <ConnectedSites />}
    </Screen>
  );
}
