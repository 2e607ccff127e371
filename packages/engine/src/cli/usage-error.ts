/**
 * A mistake in how the command was called (a missing file, a test folder without pairs, a
 * request the engine rejects): the command says what was wrong and exits with EXIT_USAGE.
 */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
