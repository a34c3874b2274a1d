import { Screen } from '../../components/Screen';
import { href, type CreateFlow } from '../route';
import { CreateSingle } from './CreateSingle';
import { CreateTwin } from './CreateTwin';
import { CreateUserAndAgent } from './CreateUserAndAgent';
import { useCreateContext } from './use-create-context';

const FLOWS: { flow: CreateFlow; title: string; description: string }[] = [
  { flow: 'user-agent', title: 'User and Agent', description: 'A User that delegates authentication to a new Agent. The usual start.' },
  { flow: 'twin', title: 'Twin', description: 'A Twin that delegates control to one of your Agents.' },
  { flow: 'entity', title: 'Single entity', description: 'One User, Agent or Twin, without delegation.' },
];

/** Creating identities: the choice of flow, then its form. */
export function CreateScreen({ flow }: { flow: CreateFlow | null }) {
  const context = useCreateContext();
  if (!flow)
    return (
      <Screen name="create" title="Create" back="#/">
        <ul class="menu">
          {FLOWS.map((each) => (
            <li key={each.flow}>
              <a href={href({ screen: 'create', flow: each.flow })}>
                {each.title}
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
      {flow === 'user-agent' && <CreateUserAndAgent context={context} />}
      {flow === 'twin' && <CreateTwin context={context} />}
      {flow === 'entity' && <CreateSingle context={context} />}
    </Screen>
  );
}
