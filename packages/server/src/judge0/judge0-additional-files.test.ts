import { describe, expect, it } from "vitest";
import yazl from "yazl";
import { extractAdditionalFiles } from "./judge0-additional-files.js";
import { Judge0Error } from "./judge0-errors.js";

/** A zip of these files (name → content, or [content, mode]), as base64. */
function zipOf(files: Record<string, string | [string, number]>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, value] of Object.entries(files)) {
    const [content, mode] = Array.isArray(value) ? value : [value, 0o100644];
    zip.addBuffer(Buffer.from(content), name, { mode });
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on("data", (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on("error", reject);
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
  });
}

async function refusal(base64: string, maxBytes = 1_048_576): Promise<string> {
  try {
    await extractAdditionalFiles(base64, maxBytes);
  } catch (error) {
    if (Judge0Error.isInstance(error)) return String((error.body.additional_files as string[])[0]);
    throw error;
  }
  throw new Error("the archive was accepted");
}

describe("extractAdditionalFiles", () => {
  it("gives the archive's files, directories included, as base64 request files", async () => {
    const zip = await zipOf({ run: "python3 lib/main.py\n", "lib/main.py": "print(1)\n" });
    const files = await extractAdditionalFiles(zip.toString("base64"), 1_048_576);
    expect(
      files.map((file) => [file.name, Buffer.from(file.content, "base64").toString()]),
    ).toEqual([
      ["run", "python3 lib/main.py\n"],
      ["lib/main.py", "print(1)\n"],
    ]);
  });

  it("refuses a zip bomb by its extracted size", async () => {
    const zip = await zipOf({ zeros: "\0".repeat(2_000_000) });
    expect(zip.length).toBeLessThan(10_000);
    expect(await refusal(zip.toString("base64"))).toMatch(/extracts to more than 1024 KB/);
  });

  it("refuses an entry that inflates past the size it declares", async () => {
    const zip = await zipOf({ data: "a".repeat(5_000) });
    // Declare 10 bytes in the central directory (uncompressed size at offset 24 of its record).
    const central = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt32LE(10, central + 24);
    expect(await refusal(zip.toString("base64"))).toMatch(/cannot read 'data'|cannot be extracted/);
  });

  it("refuses path traversal and absolute paths", async () => {
    const zip = await zipOf({ "aa/evil": "x" });
    // Rename the entry to ../evil in both headers (names are not covered by the CRC).
    const renamed = Buffer.from(zip.toString("latin1").replaceAll("aa/evil", "../evil"), "latin1");
    expect(await refusal(renamed.toString("base64"))).toMatch(/\.\.\/evil/);
  });

  it("refuses symbolic links", async () => {
    const zip = await zipOf({ link: ["/etc/passwd", 0o120777] });
    expect(await refusal(zip.toString("base64"))).toMatch(/'link' is a symbolic link/);
  });

  it("says when the text is not base64, or not a zip", async () => {
    expect(await refusal("***")).toBe("is not valid base64");
    expect(await refusal(Buffer.from("hello").toString("base64"))).toMatch(
      /cannot be extracted|not a valid zip/,
    );
  });
});
