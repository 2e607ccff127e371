import { readFile } from "node:fs/promises";
import { ImageBuildError } from "../errors/engine-errors.js";

/**
 * Name of the host's CA bundle in every image build context. A recipe that fetches over TLS
 * (npm) COPYs it into a build stage only, so the final image never holds it. Not part of any
 * recipe's hash: it belongs to the host, not to the recipe.
 */
export const BUILD_CA_FILE = "warmbox-build-ca.pem";

/**
 * The system CA bundle of Debian-family hosts. Behind a TLS-inspecting proxy it holds the
 * proxy's certificate, which the Debian base inside a build does not know.
 */
export const DEFAULT_CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt";

/**
 * The CA bundle builds trust: the named file (which must exist), or the host's default bundle,
 * empty when the host has none (recipes then use their own certificates).
 */
export async function readBuildCaBundle(path: string | undefined): Promise<Buffer> {
  try {
    return await readFile(path ?? DEFAULT_CA_BUNDLE);
  } catch (error) {
    if (path === undefined) return Buffer.alloc(0);
    const reason = error instanceof Error ? error.message : String(error);
    throw new ImageBuildError(`cannot read the CA bundle ${path} for image builds: ${reason}`);
  }
}
