import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { WasmSource } from '../../src/core/ports/wasm';
import { RulesEngine } from '../../src/core/rules/engine';
import { BUILTIN_RULES } from '../../src/core/rules/registry';

const require = createRequire(import.meta.url);

/** The same WASM files the build copies into dist/wasm, read straight from node_modules. */
export const nodeModulesWasm: WasmSource = {
  load: (fileName) =>
    readFile(
      fileName === 'web-tree-sitter.wasm'
        ? require.resolve('web-tree-sitter/web-tree-sitter.wasm')
        : require.resolve(`@vscode/tree-sitter-wasm/wasm/${fileName}`),
    ),
};

let shared: Promise<RulesEngine> | undefined;

/** One engine per test worker: WASM init is per process, like in the CLI. */
export function testEngine(): Promise<RulesEngine> {
  shared ??= RulesEngine.create(nodeModulesWasm, BUILTIN_RULES);
  return shared;
}

let wholeTree: Promise<RulesEngine> | undefined;

/** An engine that runs anchored rules over the whole tree: what anchors must agree with. */
export function wholeTreeEngine(): Promise<RulesEngine> {
  wholeTree ??= RulesEngine.create(nodeModulesWasm, BUILTIN_RULES, { anchors: false });
  return wholeTree;
}
