/** How a file's bytes became text: the CLI refuses to write fixes into files it could not decode exactly. */
export type Decoded =
  | { readonly kind: 'text'; readonly text: string; readonly bom: boolean }
  | { readonly kind: 'lossy'; readonly text: string; readonly bom: boolean }
  | { readonly kind: 'binary' };

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** NUL in the first 8 KiB means binary, as git decides; invalid UTF-8 is decoded with U+FFFD and marked lossy. */
export function decodeSource(bytes: Uint8Array): Decoded {
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return { kind: 'binary' };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return { kind: 'text', text: strict.decode(body), bom };
  } catch {
    return { kind: 'lossy', text: lenient.decode(body), bom };
  }
}
