import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { EventSink } from '../core/llm/spans';

/**
 * Appends events to a run's events.jsonl, one JSON line per write. An append of one short line is
 * a single write(2) on an O_APPEND file, so a concurrent reader never sees half a line.
 */
export function eventsFile(path: string): EventSink {
  let folderReady: Promise<unknown> | undefined;
  return {
    async append(event) {
      folderReady ??= mkdir(dirname(path), { recursive: true });
      await folderReady;
      await appendFile(path, `${JSON.stringify(event)}\n`, 'utf8');
    },
  };
}
