import { c } from "./c.js";
import { cpp } from "./cpp.js";
import { java } from "./java.js";
import { javascript } from "./javascript.js";
import { type LanguageSpec, type LanguageSpecInput, languageSpecSchema } from "./language-spec.js";
import { python } from "./python.js";

/** Every language Warmbox knows, as data. Adding one = a spec here + its image recipe. */
const SPECS: LanguageSpecInput[] = [python, javascript, java, c, cpp];

/** The validated specs, keyed by id, with every alias resolvable. */
export class LanguageRegistry {
  readonly #byName = new Map<string, LanguageSpec>();
  readonly all: readonly LanguageSpec[];

  constructor(inputs: readonly LanguageSpecInput[]) {
    this.all = inputs.map((input) => {
      const parsed = languageSpecSchema.safeParse(input);
      if (!parsed.success) {
        throw new Error(`language spec '${input.id}' is invalid: ${parsed.error.message}`);
      }
      return parsed.data;
    });
    for (const spec of this.all) {
      for (const name of [spec.id, ...spec.aliases]) {
        const key = name.toLowerCase();
        const taken = this.#byName.get(key);
        if (taken) throw new Error(`'${name}' names both ${taken.id} and ${spec.id}`);
        this.#byName.set(key, spec);
      }
    }
  }

  /** The spec for an id or alias (case-insensitive), or undefined. */
  find(name: string): LanguageSpec | undefined {
    return this.#byName.get(name.toLowerCase());
  }
}

export const languageRegistry = new LanguageRegistry(SPECS);
