// The prompt files, put in the bundle by esbuild.mjs after it has validated them.
declare module 'omni:prompts' {
  const files: readonly { readonly path: string; readonly text: string }[];
  export default files;
}
