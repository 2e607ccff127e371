import { languageRegistry } from "../../src/languages/registry.js";
import { conformancePrograms } from "../conformance/programs/index.js";

/** The core languages the integration tests run their small programs in. */
export const CORE_LANGUAGES = ["python", "javascript", "java", "c", "cpp"] as const;

/**
 * A language's conformance echo program (test/conformance/programs/<id>.ts) as the one file of
 * a request, named as its spec names the entry: prints "hello", then its stdin, then its
 * arguments joined by spaces and a newline.
 */
export function helloAndEcho(language: string): { file: string; source: string } {
  const spec = languageRegistry.find(language);
  const source = conformancePrograms[spec?.id ?? ""]?.echo;
  if (!spec || source === undefined) throw new Error(`no echo program for ${language}`);
  return { file: spec.defaultFile, source };
}
