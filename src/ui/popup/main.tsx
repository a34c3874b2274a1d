import { render } from 'preact';
import '../theme.css';
import { App } from './App';
import { prefetchEntities } from './home/entities-prefetch';
import { parseRoute } from './route';

if (parseRoute(location.hash).screen === 'home') prefetchEntities();
render(<App />, document.getElementById('app')!);
