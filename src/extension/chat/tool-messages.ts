import { LM_TOOLS } from '../../protocol/lm-tools';

/** What the chat shows while `omni_check` runs: the file, or how many. */
export function checkInvocationMessage(input: unknown): string {
  const parsed = LM_TOOLS.omni_check.safeParse(input);
  const files = parsed.success ? [...(parsed.data.path !== undefined ? [parsed.data.path] : []), ...(parsed.data.paths ?? [])] : [];
  return files.length === 1 ? `Checking ${files[0] ?? ''} with Omni's rules` : files.length > 1 ? `Checking ${files.length} files with Omni's rules` : "Checking files with Omni's rules";
}

/** What the chat shows while `omni_spec_status` runs. */
export function specStatusInvocationMessage(input: unknown): string {
  const parsed = LM_TOOLS.omni_spec_status.safeParse(input);
  return parsed.success && parsed.data.slug !== undefined ? `Reading the status of spec ${parsed.data.slug}` : 'Reading the status of every spec';
}
