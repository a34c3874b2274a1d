import { render } from 'preact';
import '../theme.css';
import './approval.css';
import { Approval } from './Approval';

render(<Approval />, document.getElementById('app')!);
