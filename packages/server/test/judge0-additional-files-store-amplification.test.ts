import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import yazl from "yazl";
import { startServerProcess } from "../src/testing/server-process.js";

const KEY = "amplification-key-0123456789abcdef0123456789";
/**
 * Just under max_extract_size, which is the body limit here (1024 KB): each archive alone is
 * accepted, but the batch's archives together may extract to no more than that.
 */
const EXTRACTED_BYTES = 900_000;
const BATCH = 20;

/** A zip holding one file of `size` zero bytes (deflates to about 10 KB), as base64. */
function zeroZip(size: number): Promise<string> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.alloc(size), "data.bin");
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on("data", (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on("error", reject);
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks).toString("base64")));
  });
}

/** Bytes of every file of a directory (the SQLite database with its WAL). */
function bytesOf(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
}

/**
 * A Judge0 submission's additional_files is a zip the server extracts before storing: the
 * extracted files go into the stored work (base64). A highly compressible archive of ~10 KB
 * therefore stores ~13 MB, and a batch of 20 in one small request ~270 MB: a client fills the
 * store's disk (and the server's memory) at a thousandfold amplification of what it sends.
 * What is stored for one request should stay within a small multiple of the body limit.
 */
describe("Judge0 additional_files: store growth per request", () => {
  it("one small batch request does not grow the store far beyond the body limit", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "attack-amplification-"));
    const server = await startServerProcess({
      WARMBOX_API_KEYS: KEY,
      WARMBOX_DATA_DIR: dataDir,
      WARMBOX_LANGUAGES: "python",
      WARMBOX_POOL_MIN: "0",
      WARMBOX_POOL_MAX: "1",
      WARMBOX_MAX_SANDBOXES: "1",
      WARMBOX_MAX_BODY_BYTES: "1048576",
      WARMBOX_RATE_LIMIT: "0",
    });
    try {
      const archive = await zeroZip(EXTRACTED_BYTES);
      const before = bytesOf(dataDir);
      const body = JSON.stringify({
        submissions: Array.from({ length: BATCH }, () => ({
          language_id: 71,
          source_code: "print(1)",
          additional_files: archive,
        })),
      });
      expect(body.length).toBeLessThan(1_048_576);
      const response = await fetch(`${server.url}/judge0/submissions/batch`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-auth-token": KEY },
        body,
      });
      const created = (await response.json()) as { token?: string }[];
      const grown = bytesOf(dataDir) - before;
      // Clean up first (done ones are deletable; the rest go when the data dir is removed).
      for (const { token } of created) {
        if (token)
          await fetch(`${server.url}/v1/submissions/${token}`, {
            method: "DELETE",
            headers: { "x-api-key": KEY },
          });
      }
      expect(response.status).toBe(201);
      expect(created.filter((answer) => answer.token).length).toBe(1);
      // Stored bytes for a request of ~300 KB: within 10x the 1 MiB body limit.
      expect(grown, `store grew by ${grown} bytes`).toBeLessThan(10 * 1_048_576);
    } finally {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});
