import '../shared/theme.css';
import '../shared/elements';
import './specs-panel.css';
import { SpecsPanelProtocol } from '../../src/protocol/webview/specs-panel';
import { connect } from '../shared/host-client';
import { SpecsPanel } from './specs-panel';

const root = document.body.appendChild(document.createElement('main'));
new SpecsPanel(root, connect(SpecsPanelProtocol));
