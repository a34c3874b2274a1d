import { useState } from 'preact/hooks';
import { Screen } from '../../components/Screen';
import { href, type CreateFlow } from '../route';
import { CreatedScreen, type CreatedResult } from './Created';
import { CreateSingle } from './CreateSingle';
import { CreateTwin } from './CreateTwin';
import { CreateUserAndAgent } from './CreateUserAndAgent';
import { useCreateContext } from './use-create-context';

/** `title` names the flow's screen; `menuTitle` says in full what it makes. Each flow offers both formats. */
const FLOWS: { flow: CreateFlow; title: string; menuTitle: string; description: string }[] = [
  {
    flow: 'user-agent',
    title: 'User and Agent',
    menuTitle: 'User and Agent with authentication delegation',
    description: 'A User that delegates authentication to a new Agent. The usual start.',
  },
  { flow: 'twin', title: 'Twin', menuTitle: 'Twin with control delegation to an Agent', description: 'A Twin that delegates control to one of your Agents.' },
  { flow: 'entity', title: 'Single entity', menuTitle: 'Single entity', description: 'One User, Agent or Twin, without delegation.' },
];

/** Creating identities: the choice of flow, then its form. */
export function CreateScreen({ flow }: { flow: CreateFlow | null }) {
  const context = useCreateContext();
  // What the last form made; shown on its own screen until the person goes on.
  const [result, setResult] = useState<CreatedResult | null>(null);
  if (result) return <CreatedScreen result={result} known={context.entities ?? []} onCreateAnother={() => setResult(null)} />;
  if (!flow)
    return (
      <Screen name="create" title="Create" back="#/">
        <p class="muted">Each can be made in Sigil’s format or in IOTICS’ own: you choose on the next screen.</p>
        <ul class="menu">
          {FLOWS.map((each) => (
            <li key={each.flow}>
              <a href={href({ screen: 'create', flow: each.flow })}>
                {each.menuTitle}
                <span>{each.description}</span>
              </a>
            </li>
          ))}
        </ul>
      </Screen>
    );
  const title = FLOWS.find((each) => each.flow === flow)!.title;
  return (
    <Screen name={`create-${flow}`} title={`Create: ${title}`} back={href({ screen: 'create', flow: null })}>
      {flow === 'user-agent' && <CreateUserAndAgent context={context} onCreated={setResult} />}
      {flow === 'twin' && <CreateTwin context={context} onCreated={setResult} />}
      {flow === 'entity' && <CreateSingle context={context} onCreated={setResult} />}
    </Screen>
  );
}
