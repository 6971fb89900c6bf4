import { z } from 'zod';
import { ConfigSchema } from './schema';

/** JSON schema of `.omni/config.json`, generated from the zod schema and shipped for editors. */
export function configJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ConfigSchema, { io: 'input' }),
    title: 'Omni Elite project configuration (.omni/config.json)',
  };
}
