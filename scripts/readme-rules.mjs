// Prints the README's rule table from the built CLI, so the table never drifts from the pack.
// Run: node esbuild.mjs && node scripts/readme-rules.mjs
import { execFileSync } from 'node:child_process';

const rules = JSON.parse(execFileSync(process.execPath, ['dist/cli.js', 'rules', '--format', 'json'], { encoding: 'utf8' }));
const short = { python: 'py', typescript: 'ts', tsx: 'tsx', javascript: 'js', go: 'go', rust: 'rs' };
console.log('| rule | what it finds | severity | fix | languages | same check elsewhere |');
console.log('|---|---|---|---|---|---|');
for (const rule of rules) {
  const languages = rule.languages.length === 0 || rule.languages.length === 6 ? 'all' : rule.languages.map((l) => short[l] ?? l).join(', ');
  const cwe = rule.cwe ? ` (${rule.cwe})` : '';
  console.log(`| \`${rule.id}\` | ${rule.title}${cwe} | ${rule.severity} | ${rule.fix ? 'yes' : ''} | ${languages} | ${rule.equivalents.map((e) => `\`${e}\``).join(', ')} |`);
}
