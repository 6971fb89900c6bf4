import { styleText } from 'node:util';
import type { TextStyle } from '../core/report/text';

/** Colours only for a terminal that wants them (NO_COLOR and FORCE_COLOR are honoured). */
export function terminalStyle(out: NodeJS.WritableStream): TextStyle | undefined {
  const tty = 'isTTY' in out && out.isTTY === true;
  const wanted = process.env.FORCE_COLOR ? process.env.FORCE_COLOR !== '0' : tty && !process.env.NO_COLOR;
  if (!wanted) return undefined;
  return {
    path: (text) => styleText('bold', text),
    severity: (severity, text) => styleText(severity === 'error' ? 'red' : severity === 'warning' ? 'yellow' : 'cyan', text),
    dim: (text) => styleText('dim', text),
  };
}
