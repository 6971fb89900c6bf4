import type { SpecDraft } from '../../../src/core/schemas/spec-draft';

export const TASK_ID = '6f1c2a4e-8b3d-4c5e-9a7f-0b1c2d3e4f50';

/** A complete, realistic draft, as the Architect would return it. */
export function sampleDraft(): SpecDraft {
  return {
    title: 'Rate-limit the public search API',
    summary: 'Limit each API key to a fixed number of search requests per minute, so one client cannot starve the others.',
    complexity: 'medium',
    estimatedFiles: 6,
    estimatedTestCoverage: 90,
    riskAssessment: 'Medium: a wrong limit blocks paying clients; the limit is configurable and defaults high.',
    requiresMigration: false,
    breakingChanges: false,
    requirements: {
      functional: [
        {
          id: 'R1',
          statement: 'Each API key may make at most the configured number of search requests per minute.',
          acceptanceCriteria: [
            'WHEN a key makes its 61st request within one minute and the limit is 60 THE SYSTEM SHALL answer 429 with a Retry-After header.',
            'WHEN a key stays under the limit THE SYSTEM SHALL answer the search as before.',
          ],
        },
        {
          id: 'R2',
          statement: 'Operators can change the limit without a restart.',
          acceptanceCriteria: ['Given a running server\nWhen the operator sets `search.rateLimit` to 10\nThen the 11th request in a minute gets 429'],
        },
      ],
      nonFunctional: ['The limiter adds at most 2 ms to the p99 latency.', 'The limiter uses at most 50 MB of memory for 100000 keys.'],
    },
    constraints: '- Runs in the existing Node 20 service; no new processes.\n- Counters live in memory, one window of 60 s per key.',
    dataModels: '```ts\ninterface Window { key: string; startedAt: number; count: number }\n```',
    apiContracts: '`GET /search?q=...` answers `429 Too Many Requests` with `Retry-After: <seconds>` once over the limit.',
    errorTaxonomy: '- `RateLimitedError`: answered 429 with Retry-After; the client retries after the delay.\n- `LimiterConfigError`: a bad limit in the config is refused at load time and logged; the previous limit stays.',
    securityConsiderations:
      '- Authentication: unchanged, the API key is checked before the limiter.\n- Authorization: not affected; the limiter never grants access.\n- Input validation: the limit must be an integer from 1 to 10000, validated by the config schema.\n- Data protection: counters hold a hash of the key, never the key itself.',
    testingStrategy: 'Unit tests for the window arithmetic with a fake clock; integration tests through the HTTP server with a real limiter.',
    architectureDecision: 'A fixed window per key in a Map, swept every minute; a token bucket was rejected as more state for no gain here.',
    dependencies: 'None: the limiter is 80 lines on top of the existing server.',
    rollbackPlan: '1. Set `search.rateLimit` to 0, which disables the limiter without a deploy.\n2. If that fails, redeploy the previous release tag.\n3. No data is written, so nothing needs cleaning up.',
  };
}

/** A small deterministic generator, so the round-trip test covers many shapes without flakiness. */
export function generatedDrafts(count: number, seed = 7): SpecDraft[] {
  let state = seed;
  const random = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const words = ['cache', 'the', 'user', 'spec', 'écrit', 'données', '`code`', '**bold**', 'limit', '42 ms', 'file', 'über', 'API'];
  const sentence = (length: number): string => Array.from({ length }, () => pick(words)).join(' ');
  const block = (): string =>
    pick([
      () => sentence(8),
      () => `${sentence(5)}\n${sentence(6)}`,
      () => `- ${sentence(4)}\n- ${sentence(3)}\n  - ${sentence(2)}`,
      () => `${sentence(3)}\n\n\`\`\`md\n## not a heading\n# nor this\n\`\`\`\n\n${sentence(2)}`,
      () => `| a | b |\n|---|---|\n| ${sentence(2)} | ${sentence(2)} |`,
      () => `<!-- ${sentence(3)} -->\n${sentence(4)}`,
    ])();
  return Array.from({ length: count }, (_, index) => {
    const base = sampleDraft();
    const functional = Array.from({ length: 1 + Math.floor(random() * 5) }, (__, r) => ({
      id: `R${r + 1}`,
      statement: sentence(6),
      acceptanceCriteria: Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
        pick([`WHEN ${sentence(3)} THE SYSTEM SHALL ${sentence(4)}`, `Given ${sentence(2)}\nWhen ${sentence(2)}\nThen ${sentence(3)}`, sentence(5)]),
      ),
    }));
    return {
      ...base,
      title: `${sentence(4)} ${index}`,
      summary: block(),
      complexity: pick(['low', 'medium', 'high', 'critical'] as const),
      estimatedFiles: Math.floor(random() * 30),
      estimatedTestCoverage: Math.floor(random() * 101),
      riskAssessment: pick([sentence(5), `${sentence(3)}\n${sentence(3)}`, `${sentence(2)}: ${sentence(2)} # not a comment`]),
      requiresMigration: random() < 0.5,
      breakingChanges: random() < 0.5,
      requirements: { functional, nonFunctional: Array.from({ length: Math.floor(random() * 3) }, () => `${sentence(4)} under ${Math.floor(random() * 900)} ms`) },
      constraints: block(),
      dataModels: block(),
      apiContracts: block(),
      errorTaxonomy: block(),
      securityConsiderations: block(),
      testingStrategy: block(),
      architectureDecision: block(),
      dependencies: block(),
      rollbackPlan: block(),
    };
  });
}
