import { randomUUID } from "node:crypto";
import pino from "pino";
import { DockerContainerRuntime } from "../../src/docker/docker-container-runtime.js";
import { sandboxLabels } from "../../src/engine/container-labels.js";
import { imageRecipe } from "../../src/images/image-recipe.js";
import type { StageCommand } from "../../src/protocol/messages.js";
import type { ContainerResources } from "../../src/request/limits.js";
import { Sandbox } from "../../src/sandbox/sandbox.js";
import { containersOf, docker, TEST_RUNTIME } from "./test-engine.js";

/**
 * Sandboxes a test starts itself, below the engine (no pool): leased at once, labelled with
 * one engine id, all destroyed by `destroyAll`, which also proves none is left on the daemon.
 */
export class DirectSandboxes {
  readonly engineId = `test-${randomUUID().slice(0, 8)}`;
  readonly #runtime = new DockerContainerRuntime(docker);
  readonly #started: Sandbox[] = [];

  /**
   * A leased sandbox of `image` (a recipe name, built on Debian `suite`, by default the default
   * one) labelled as running `language`.
   */
  async leased(
    image: string,
    language: string,
    resources: ContainerResources,
    suite?: string,
  ): Promise<Sandbox> {
    const sandbox = await Sandbox.start(
      this.#runtime,
      {
        image: imageRecipe(image, undefined, suite).tag,
        resources,
        labels: sandboxLabels(this.engineId, language),
        runtime: TEST_RUNTIME,
      },
      { language, logger: pino({ level: "silent" }) },
    );
    this.#started.push(sandbox);
    sandbox.lease();
    return sandbox;
  }

  /** Destroys every sandbox started here; the containers left on the daemon (none, if it worked). */
  async destroyAll(): Promise<unknown[]> {
    await Promise.all(this.#started.map((sandbox) => sandbox.destroy()));
    return containersOf(this.engineId);
  }
}

/** A stage running `argv` in /box with a plain environment and roomy limits. */
export function plainStage(argv: string[], overrides: Partial<StageCommand> = {}): StageCommand {
  return {
    argv,
    env: { PATH: "/usr/local/bin:/usr/bin:/bin", HOME: "/box", LANG: "C.UTF-8" },
    timeMs: 30_000,
    cpuMs: 30_000,
    outputBytes: 1_048_576,
    fileSizeBytes: 64 * 1_048_576,
    streamedStdin: false,
    template: false,
    ...overrides,
  };
}
