import { EngineUnavailableError } from "../errors/engine-errors.js";
import type { ContainerRuntime } from "../sandbox/container-runtime.js";
import type { Logger } from "./engine-types.js";
import type { ResolvedJob } from "./resolve-request.js";

/**
 * Whether sandboxes may have the network here. A network-on sandbox only ever joins the
 * engine's filtered network; where that can't be made, requests that ask for the network are
 * refused, saying why.
 */
export class NetworkAccess {
  #refusal: string | undefined;

  constructor(
    private readonly runtime: ContainerRuntime,
    private readonly logger: Logger,
  ) {}

  /** Makes the filtered network, or learns why it can't be made. */
  async prepare(): Promise<void> {
    try {
      await this.runtime.prepareNetwork();
      this.#refusal = undefined;
    } catch (error) {
      this.#refusal = (error as Error).message;
      this.logger.warn(
        { reason: this.#refusal },
        "sandboxes can't have a filtered network; requests with network: true are refused",
      );
    }
  }

  /** Throws EngineUnavailableError when the job asks for a network that can't be had. */
  check(job: ResolvedJob): void {
    if (this.#refusal && (job.runLimits.network || job.compileLimits.network)) {
      throw new EngineUnavailableError(`network access is unavailable: ${this.#refusal}`);
    }
  }
}
