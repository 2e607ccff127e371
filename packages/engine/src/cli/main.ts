#!/usr/bin/env node
/**
 * The `warmbox` command: run a file in a sandbox, build runner images, list languages.
 */
import { Command, InvalidArgumentError } from "commander";
import { buildCommand, languagesCommand } from "./images-command.js";
import { runCommand } from "./run-command.js";

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0)
    throw new InvalidArgumentError("expected a positive integer");
  return number;
}

const program = new Command()
  .name("warmbox")
  .description("Run untrusted code in warm, locked-down Docker containers.");

program
  .command("run")
  .description("run a program file and print its output and a one-line summary")
  .argument("<file>", "the program's entry file (its extension picks the language)")
  .argument("[args...]", "arguments of the program")
  .option("--lang <language>", "language id or alias (default: from the file's extension)")
  .option(
    "--stdin <file>",
    "a file to give the program as its standard input ('-' for this process's stdin)",
  )
  .option("--time-ms <ms>", "wall-clock limit of the run", positiveInteger)
  .option("--memory-mb <mb>", "memory limit of the run", positiveInteger)
  .action(runCommand);

const images = program.command("images").description("runner images");
images
  .command("build")
  .description(
    "build the runner images of the given languages (default: all); unchanged recipes are skipped",
  )
  .argument("[languages...]", "language ids or aliases")
  .option(
    "--base-image <image>",
    "Debian base to build on (default: debian:bookworm-slim, bootstrapped if it can't be pulled)",
  )
  .option("--force", "rebuild even when an image of the same recipe exists")
  .option("--concurrency <n>", "images built at once (default: 2)", positiveInteger)
  .option("--quiet", "print only the summary, no progress")
  .action(buildCommand);

program
  .command("languages")
  .description("list the languages and whether their image is built")
  .action(languagesCommand);

program.parseAsync().catch((error: unknown) => {
  console.error(`warmbox: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
