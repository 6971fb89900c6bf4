/** Where the host keeps the tree-sitter WASM files: the CLI and the server read them from disk. */
export interface WasmSource {
  /** Bytes of a WASM file by its file name (`web-tree-sitter.wasm`, `tree-sitter-python.wasm`...). */
  load(fileName: string): Promise<Uint8Array>;
}
