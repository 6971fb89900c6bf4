// Tree-sitter queries are data files; the bundler and the test runner load them as text.
declare module '*.scm' {
  const source: string;
  export default source;
}
