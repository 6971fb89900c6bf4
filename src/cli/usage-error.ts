/** A mistake in how omni was called (unknown rule, unreadable baseline): exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
