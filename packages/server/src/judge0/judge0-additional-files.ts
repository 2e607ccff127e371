import { fileNameProblem, type SourceFile } from "@warmbox/engine";
import yauzl from "yauzl";
import { decodeBase64 } from "./judge0-base64.js";
import { unprocessable } from "./judge0-errors.js";

/** Most files an archive may hold (the engine's bound on a request's files). */
export const MAX_ARCHIVE_ENTRIES = 1_000;

/** The Unix file type bits of a zip entry made on Unix, and the symlink type. */
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

const refuse = (message: string) => unprocessable({ additional_files: [message] });

function openZip(bytes: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    // validateEntrySizes (the default) fails an entry whose data inflates past its declared
    // size, so the declared sizes checked below bound what is really extracted.
    yauzl.fromBuffer(bytes, { lazyEntries: true, decodeStrings: true }, (error, zip) =>
      error ? reject(refuse(`is not a valid zip archive: ${error.message}`)) : resolve(zip),
    );
  });
}

function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error) return reject(refuse(`cannot read '${entry.fileName}': ${error.message}`));
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", (streamError) =>
        reject(refuse(`cannot read '${entry.fileName}': ${streamError.message}`)),
      );
      stream.on("end", () => resolve(Buffer.concat(chunks)));
    });
  });
}

function isSymlink(entry: yauzl.Entry): boolean {
  const madeOnUnix = entry.versionMadeBy >> 8 === 3;
  return madeOnUnix && ((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK;
}

/**
 * The files of `additional_files` (a base64 zip archive) as request files, refused with a 422
 * naming the problem when the archive is not a zip, holds an unsafe path (absolute, `..`) or a
 * symbolic link, more than MAX_ARCHIVE_ENTRIES files, or extracts to more than `maxBytes`
 * (a zip bomb declares small sizes or inflates far: both are caught).
 */
export async function extractAdditionalFiles(
  base64: string,
  maxBytes: number,
): Promise<SourceFile[]> {
  const bytes = decodeBase64(base64);
  if (bytes === undefined) throw refuse("is not valid base64");
  const zip = await openZip(bytes);
  const files: SourceFile[] = [];
  let total = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      // yauzl refuses unsafe paths (absolute, "..") and entries that inflate past their size.
      zip.on("error", (error: Error) => reject(refuse(`cannot be extracted: ${error.message}`)));
      zip.on("end", () => resolve());
      zip.on("entry", (entry: yauzl.Entry) => {
        const name = entry.fileName;
        if (name.endsWith("/")) return zip.readEntry();
        const problem = fileNameProblem(name);
        if (problem) return reject(refuse(`the archive's file '${name}' ${problem}`));
        if (isSymlink(entry))
          return reject(refuse(`the archive's file '${name}' is a symbolic link`));
        if (files.length >= MAX_ARCHIVE_ENTRIES)
          return reject(refuse(`the archive holds more than ${MAX_ARCHIVE_ENTRIES} files`));
        total += entry.uncompressedSize;
        if (total > maxBytes) {
          return reject(
            refuse(`the archive extracts to more than ${maxBytes / 1_024} KB (max_extract_size)`),
          );
        }
        readEntry(zip, entry).then((content) => {
          files.push({ name, content: content.toString("base64"), encoding: "base64" });
          zip.readEntry();
        }, reject);
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  return files;
}
