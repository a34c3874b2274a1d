import { render } from 'preact';
import '../theme.css';
import { Approval } from './Approval';

render(<Approval />, document.getElementById('app')!);
