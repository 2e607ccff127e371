#!/usr/bin/env node
/**
 * The `warmbox` command: run a file in a sandbox, judge a solution against tests, build and prune runner
 * images, list languages.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { DEFAULT_POOL_MAX } from "../engine/engine-options.js";
import { COMPARE_OPTION_FORMS, parseCompareOption } from "./compare-option.js";
import { EXIT_ENGINE_FAILURE, EXIT_NOT_ACCEPTED, EXIT_USAGE, exitCodeOf } from "./exit-codes.js";
import { buildCommand, languagesCommand, pruneCommand } from "./images-command.js";
import { judgeCommand } from "./judge-command.js";
import { runCommand } from "./run-command.js";

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0)
    throw new InvalidArgumentError("expected a positive integer");
  return number;
}

const program = new Command()
  .name("warmbox")
  .description("Run untrusted code in warm, locked-down Docker containers.")
  .addHelpText(
    "after",
    [
      "",
      "Exit status: 0 when the command did its work (run: status ok; judge: accepted),",
      `${EXIT_NOT_ACCEPTED} when the program failed or the solution was not accepted, ${EXIT_USAGE} when the command`,
      `was called wrongly (a bad flag, a missing file, a bad request), ${EXIT_ENGINE_FAILURE} when the engine failed.`,
    ].join("\n"),
  )
  // Parse errors become rejections of parseAsync (commander has printed them), so that the
  // exit status is decided in one place below; subcommands inherit this.
  .exitOverride();

program
  .command("run")
  .description("run a program file and print its output and a one-line summary")
  .argument("<file>", "the program's entry file (its extension picks the language)")
  .argument("[args...]", "arguments of the program")
  .option(
    "--lang, --language <language>",
    "language id or alias (default: from the file's extension)",
  )
  .option(
    "--version <version>",
    "the language's version: exact or a semver range like 3.x (default: the newest)",
  )
  .option(
    "--stdin <file>",
    "a file to give the program as its standard input ('-' for this process's stdin)",
  )
  .option("--time-ms <ms>", "wall-clock limit of the run", positiveInteger)
  .option("--memory-mb <mb>", "memory limit of the run", positiveInteger)
  .action(runCommand);

program
  .command("judge")
  .description(
    "compile a solution once, run it on every test of a folder, print a verdict per test",
  )
  .argument("<file>", "the solution's entry file (its extension picks the language)")
  .requiredOption(
    "--tests <folder>",
    "folder of tests: NAME.in (the input) with NAME.out, NAME.ans or NAME.a (the expected output)",
  )
  .option(
    "--lang, --language <language>",
    "language id or alias (default: from the file's extension)",
  )
  .option(
    "--version <version>",
    "the language's version: exact or a semver range like 3.x (default: the newest)",
  )
  .option(
    "--compare <mode>",
    `how output is compared with the expected: ${COMPARE_OPTION_FORMS} (default: lines, which ignores trailing whitespace)`,
    parseCompareOption,
  )
  .addOption(
    new Option(
      "--checker <file>",
      "a checker program deciding each test instead (args: input, expected, actual files; exit 0 accepted, 1 wrong answer)",
    ).conflicts("compare"),
  )
  .option(
    "--checker-language <language>",
    "the checker's language id or alias (default: from its extension)",
  )
  .option("--stop-on-first-failure", "skip the remaining tests once one is not accepted")
  .option("--reveal", "show where each wrong answer first differs from the expected output")
  .option("--time-ms <ms>", "wall-clock limit of each test's run", positiveInteger)
  .option("--memory-mb <mb>", "memory limit of each test's run", positiveInteger)
  .option("--concurrency <n>", `tests run at once (default: ${DEFAULT_POOL_MAX})`, positiveInteger)
  .action(judgeCommand);

const images = program.command("images").description("runner images");
images
  .command("build")
  .description(
    "build the runner images of the given languages (default: all); unchanged recipes are skipped",
  )
  .argument(
    "[languages...]",
    "language ids or aliases (each its newest version), or id@range (python@3.11, java@*)",
  )
  .option(
    "--base-image <image>",
    "Debian base to build on (default: debian:bookworm-slim, bootstrapped if it can't be pulled)",
  )
  .option("--force", "rebuild even when an image of the same recipe exists")
  .option("--concurrency <n>", "images built at once (default: 2)", positiveInteger)
  .option("--quiet", "print only the summary, no progress")
  .action(buildCommand);
images
  .command("prune")
  .description(
    "remove the warmbox/ image tags no recipe of this version builds (left by upgrades and recipe changes); a dry run unless --yes",
  )
  .option("--yes", "remove them (default: only list them and the space removing them frees)")
  .addHelpText(
    "after",
    [
      "",
      "Only tags `images build` made are looked at (warmbox/<recipe>:<hash>); the Debian bases and the",
      "server's image are never removed. An image another tag still names loses only the stale name;",
      "an image a container (running or stopped) uses is kept and listed.",
    ].join("\n"),
  )
  .action(pruneCommand);

program
  .command("languages")
  .description("list the languages, each version, and whether its image is built")
  .option("--markdown", "print the README's language list and table of versions instead")
  .action(languagesCommand);

program.parseAsync().catch((error: unknown) => {
  if (!(error instanceof CommanderError))
    console.error(`warmbox: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = exitCodeOf(error);
});
