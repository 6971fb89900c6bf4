import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { WasmSource } from '../core/ports/wasm';

/** WASM files next to the bundle (`dist/wasm`), where the build copies them. */
export function bundledWasm(directory = join(__dirname, 'wasm')): WasmSource {
  return { load: (fileName) => readFile(join(directory, fileName)) };
}
