import { CommanderError } from "commander";
import { EngineError } from "../errors/engine-errors.js";
import { UsageError } from "./usage-error.js";

/** The program ran fine (`run`), the solution was accepted (`judge`), the command did its work. */
export const EXIT_OK = 0;
/** The program failed (`run`: a status other than ok) or the solution was not accepted (`judge`). */
export const EXIT_NOT_ACCEPTED = 1;
/** The command was called wrongly: a bad flag, a missing file, a request the engine refuses. */
export const EXIT_USAGE = 2;
/** The engine could not do the work: Docker unreachable, an image missing, an engine fault. */
export const EXIT_ENGINE_FAILURE = 3;

/** Engine errors that mean the request was wrong, not the engine. */
const REQUEST_ERROR_CODES = new Set(["invalid_request", "unknown_language", "limit_exceeded"]);

/** The exit status for an error that ended a command. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  if (error instanceof UsageError) return EXIT_USAGE;
  if (EngineError.isInstance(error) && REQUEST_ERROR_CODES.has(error.code)) return EXIT_USAGE;
  return EXIT_ENGINE_FAILURE;
}
