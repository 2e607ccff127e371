/**
 * The version one language reports, from what its image wrote to /etc/warmbox/version.
 *
 * An image that serves one language writes just its version ("3.11.2"). An image shared by
 * several languages (e.g. the JVM languages) writes one `<language-id> <version>` line per
 * language, each read from its toolchain at build time:
 *
 * ```
 * kotlin 1.3.31
 * scala 2.11.12
 * ```
 */
export function languageVersion(report: string, languageId: string): string {
  const lines = report
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
  for (const line of lines) {
    const space = line.indexOf(" ");
    if (space > 0 && line.slice(0, space) === languageId) {
      return line.slice(space + 1).trim() || "unknown";
    }
  }
  return lines.length === 1 && lines[0] !== undefined ? lines[0] : "unknown";
}
