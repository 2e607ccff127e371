import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { imagesRoot } from "../images/package-root.js";
import { MAX_FILE_PATH_LENGTH, MAX_TOTAL_FILE_BYTES } from "../request/execute-request.js";
import {
  COLLECT_MAX_BYTES,
  COLLECT_MAX_ENTRIES,
  COLLECT_MAX_PATH,
  CollectOutcome,
} from "./collect.js";
import { CHUNK_BYTES, FrameType, MAX_FRAME_BYTES, MAX_SUPERVISOR_FRAME_BYTES } from "./frames.js";
import { ExitFlag, RunFlag } from "./messages.js";

/**
 * The two sides of the supervisor protocol declare its constants each in their own language:
 * the supervisor in protocol.h, the engine in frames.ts and messages.ts. These tests read the
 * header and fail when a constant is missing on either side or has another value.
 */

const HEADER_PATH = join(imagesRoot(), "runner-base", "supervisor", "protocol.h");

interface CHeader {
  /** `enum name { A = …, … }`: every member and its value, by the enum's tag. */
  enums: Map<string, Record<string, number>>;
  /** `#define NAME value`, on one line. */
  defines: Map<string, number>;
}

/** The value of a constant expression of the forms the header uses: 'c', 42, 0x2a, 1u << 3. */
function evaluate(expression: string): number {
  const text = expression.trim().replace(/^\((.*)\)$/, "$1");
  const char = /^'(.)'$/.exec(text);
  if (char?.[1] !== undefined) return char[1].charCodeAt(0);
  const integer = (literal: string) => Number(literal.replace(/u$/i, ""));
  const shift = /^(0x[\da-f]+u?|\d+u?)\s*<<\s*(\d+)$/i.exec(text);
  if (shift?.[1] !== undefined && shift[2] !== undefined) {
    return integer(shift[1]) * 2 ** Number(shift[2]);
  }
  if (/^(0x[\da-f]+|\d+)u?$/i.test(text)) return integer(text);
  throw new Error(`protocol.h: cannot evaluate "${expression.trim()}"`);
}

function parseHeader(source: string): CHeader {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
  const enums = new Map<string, Record<string, number>>();
  for (const [, tag, body] of code.matchAll(/enum\s+(\w+)\s*\{([^}]*)\}/g)) {
    if (tag === undefined || body === undefined) continue;
    const members: Record<string, number> = {};
    for (const member of body.split(",").map((text) => text.trim())) {
      if (member === "") continue;
      const [name, value] = member.split("=");
      if (name === undefined || value === undefined) {
        throw new Error(`protocol.h: enum ${tag} member "${member}" needs an explicit value`);
      }
      members[name.trim()] = evaluate(value);
    }
    enums.set(tag, members);
  }
  const defines = new Map<string, number>();
  // Defines with a value (an include guard has none).
  for (const [, name, value] of code.matchAll(/^#define[ \t]+(\w+)[ \t]+(.*\S)/gm)) {
    if (name !== undefined && value !== undefined) defines.set(name, evaluate(value));
  }
  return { enums, defines };
}

/** `StdinEnd` → `STDIN_END`: a TypeScript member's name as the header spells it. */
const screamingSnake = (name: string) => name.replace(/([a-z\d])([A-Z])/g, "$1_$2").toUpperCase();

const header = parseHeader(readFileSync(HEADER_PATH, "utf8"));

describe("the supervisor's protocol.h and the engine's protocol constants", () => {
  it.each([
    { name: "FrameType", members: FrameType, cEnum: "frame_type", prefix: "FRAME_" },
    { name: "RunFlag", members: RunFlag, cEnum: "run_flag", prefix: "RUN_" },
    { name: "ExitFlag", members: ExitFlag, cEnum: "exit_flag", prefix: "EXIT_" },
    {
      name: "CollectOutcome",
      members: CollectOutcome,
      cEnum: "collect_outcome",
      prefix: "COLLECT_",
    },
  ])("$name has exactly the members and values of enum $cEnum", ({ members, cEnum, prefix }) => {
    const expected = Object.fromEntries(
      Object.entries(members).map(([name, value]) => [prefix + screamingSnake(name), value]),
    );
    expect(header.enums.get(cEnum)).toEqual(expected);
  });

  it("agree on frame sizes", () => {
    expect(header.defines.get("MAX_FRAME")).toBe(MAX_FRAME_BYTES);
    expect(header.defines.get("CHUNK")).toBe(CHUNK_BYTES);
    // The supervisor's largest frames: a chunk of output or of a collected file and its type
    // byte, and a collected file's head (type, mode, size, the longest name).
    expect(CHUNK_BYTES + 1).toBeLessThanOrEqual(MAX_SUPERVISOR_FRAME_BYTES);
    expect(1 + 4 + 8 + COLLECT_MAX_PATH).toBeLessThanOrEqual(MAX_SUPERVISOR_FRAME_BYTES);
  });

  it("agree on COLLECT's bounds, which let what is collected go back in as a request's files", () => {
    expect(header.defines.get("COLLECT_MAX_BYTES")).toBe(COLLECT_MAX_BYTES);
    expect(header.defines.get("COLLECT_MAX_ENTRIES")).toBe(COLLECT_MAX_ENTRIES);
    expect(header.defines.get("COLLECT_MAX_PATH")).toBe(COLLECT_MAX_PATH);
    expect(COLLECT_MAX_PATH).toBe(MAX_FILE_PATH_LENGTH);
    expect(COLLECT_MAX_BYTES).toBeLessThanOrEqual(MAX_TOTAL_FILE_BYTES);
    // Each collected file goes back in one FILE frame: mode, name, NUL, content.
    expect(4 + COLLECT_MAX_PATH + 1 + COLLECT_MAX_BYTES + 1).toBeLessThanOrEqual(MAX_FRAME_BYTES);
  });
});

describe("the header reader", () => {
  it("reads char literals, numbers and shifts, and ignores comments", () => {
    const parsed = parseHeader(
      "#ifndef G\n#define G\n/* enum skipped { A = 1 }; */\n#define SIZE (64u << 10) /* bytes */\n" +
        "enum kinds {\n\tK_A = 'A', // letter\n\tK_B = 0x10,\n\tK_C = 1u << 5,\n};\n",
    );
    expect(parsed.enums).toEqual(new Map([["kinds", { K_A: 65, K_B: 16, K_C: 32 }]]));
    expect(parsed.defines.get("SIZE")).toBe(65_536);
  });

  it("refuses what it can't evaluate instead of skipping it", () => {
    expect(() => parseHeader("enum e { A = B | 1 };")).toThrow(/cannot evaluate "B \| 1"/);
    expect(() => parseHeader("enum e { A };")).toThrow(/needs an explicit value/);
  });
});
