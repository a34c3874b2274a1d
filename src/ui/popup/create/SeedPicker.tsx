import { useId } from 'preact/hooks';
import type { SeedView } from '../../../shared/ui-api';
import { seedShortText } from '../../components/seed-text';

/** Which seed the new keys derive from; shown only when the wallet holds more than one. */
export function SeedPicker({ seeds, value, onChange }: { seeds: readonly SeedView[]; value: string | null; onChange: (id: string) => void }) {
  const id = useId();
  if (seeds.length < 2) return null;
  return (
    <div class="field">
      <label for={id}>Seed</label>
      <select id={id} value={value ?? seeds[0]!.id} onChange={(event) => onChange((event.currentTarget as HTMLSelectElement).value)}>
        {seeds.map((seed) => (
          <option key={seed.id} value={seed.id}>
            {seed.label} ({seedShortText(seed)})
          </option>
        ))}
      </select>
      <div class="hint">The keys are derived from this seed and the key name.</div>
    </div>
  );
}
