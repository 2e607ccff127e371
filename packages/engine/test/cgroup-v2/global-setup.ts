import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Dockerode from "dockerode";
import { imageExists } from "../../src/docker/docker-images.js";
import { imageRecipe, languageRecipe, RUNNER_BASE_RECIPE } from "../../src/images/image-recipe.js";
import { languageRegistry } from "../../src/languages/registry.js";
import { CGROUP_V2_LANE_LANGUAGES } from "./lane.js";

function laneLanguage(id: string) {
  const spec = languageRegistry.find(id);
  if (!spec) throw new Error(`The cgroup v2 lane names an unknown language: ${id}`);
  return spec;
}

const vmScripts = fileURLToPath(new URL("../../../../scripts/cgroup-v2-vm/", import.meta.url));

function vmScript(name: string, args: readonly string[] = []): string {
  // The scripts' progress goes to our stderr; their stdout is their answer.
  return execFileSync(`${vmScripts}${name}`, args, {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  }).trim();
}

/**
 * The cgroup v2 lane: boots the test host (scripts/cgroup-v2-vm), loads the lane's runner images
 * into its Docker and points every Docker client of the tests at it (DOCKER_HOST, which
 * dockerode honours). When the VM can't start, the lane fails here with the scripts' reasons.
 */
export default async function startCgroupV2Host(): Promise<() => Promise<void>> {
  const images = [
    imageRecipe(RUNNER_BASE_RECIPE).tag,
    ...CGROUP_V2_LANE_LANGUAGES.map((id) => languageRecipe(laneLanguage(id)).tag),
  ];
  const host = new Dockerode();
  const missing: string[] = [];
  for (const tag of images) if (!(await imageExists(host, tag))) missing.push(tag);
  if (missing.length > 0) {
    throw new Error(
      `The cgroup v2 lane loads runner images from the host's Docker, which lacks ${missing.join(", ")}. ` +
        "Run `npm test` from the repository root (it builds them).",
    );
  }

  let dockerHost: string;
  try {
    dockerHost = vmScript("start", images);
  } catch (error) {
    try {
      vmScript("stop");
    } catch {
      // The reason to report is the start's.
    }
    throw new Error(
      `The cgroup v2 lane needs its test host (a QEMU VM, scripts/cgroup-v2-vm/start) and it did not start: ${(error as Error).message}`,
    );
  }
  process.env.DOCKER_HOST = dockerHost;
  // The engines' own words (Docker's errors, the supervisor's fatal messages) for this run.
  const engineLog = join(tmpdir(), "warmbox-cgroup-v2-lane-engine.log");
  rmSync(engineLog, { force: true });
  process.env.WARMBOX_TEST_ENGINE_LOG = engineLog;
  console.error(`[cgroup-v2 lane] the test engines log to ${engineLog}`);
  process.env.WARMBOX_TEST_VM_EXEC = `${vmScripts}exec`;
  const cgroupVersion = (await new Dockerode().info()).CgroupVersion;
  if (cgroupVersion !== "2") {
    throw new Error(`The cgroup v2 lane's Docker runs on cgroup v${cgroupVersion}`);
  }
  return async () => {
    vmScript("stop");
  };
}
