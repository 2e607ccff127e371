import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Dockerode from "dockerode";
import { imageExists } from "../../src/docker/docker-images.js";
import { imageRecipe, languageRecipe, RUNNER_BASE_RECIPE } from "../../src/images/image-recipe.js";
import { languageRegistry } from "../../src/languages/registry.js";
import {
  CGROUP_V2_LANE_LANGUAGES,
  CGROUP_V2_LANE_PROGRAMS,
  PROGRAMS_VARIABLE,
  VM_EXEC_VARIABLE,
} from "./lane.js";

function imageOf(languageId: string): string {
  const spec = languageRegistry.find(languageId);
  if (!spec) throw new Error(`The cgroup v2 lane names an unknown language: ${languageId}`);
  return languageRecipe(spec).tag;
}

const vmScripts = fileURLToPath(new URL("../../../../scripts/cgroup-v2-vm/", import.meta.url));
const testFolder = fileURLToPath(new URL("../", import.meta.url));

function vmScript(name: string, args: readonly string[] = []): string {
  // The scripts' progress goes to our stderr; their stdout is their answer.
  return execFileSync(`${vmScripts}${name}`, args, {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  }).trim();
}

const say = (line: string) => console.error(`[cgroup-v2 lane] ${line}`);
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/**
 * Compiles the lane's C programs once, statically (they run in the VM's Python sandbox), with
 * the host's C runner image, into a new folder, and returns it.
 */
function compileLanePrograms(cImage: string): string {
  const out = mkdtempSync(join(tmpdir(), "warmbox-cgroup-v2-programs-"));
  const sources = [
    ...CGROUP_V2_LANE_PROGRAMS.lane.map((file) => `/test/cgroup-v2/programs/${file}`),
    ...CGROUP_V2_LANE_PROGRAMS.isolation.map((file) => `/test/isolation/programs/${file}`),
  ];
  execFileSync(
    "docker",
    [
      "run",
      "--rm",
      "--network=none",
      "--user=root",
      `--volume=${testFolder}:/test:ro`,
      `--volume=${out}:/out`,
      "--entrypoint=sh",
      cImage,
      "-c",
      'for source; do gcc -static -O2 -pthread -Wall -Werror -I/test/isolation/programs -o "/out/$(basename "$source" .c)" "$source" || exit 1; done',
      "compile",
      ...sources,
    ],
    { stdio: ["ignore", "inherit", "inherit"] },
  );
  return out;
}

/**
 * The cgroup v2 lane: compiles its programs, boots the test host (scripts/cgroup-v2-vm) with
 * the lane's runner images in its Docker, and points every Docker client of the tests at it
 * (DOCKER_HOST, which dockerode honours). When the VM can't start, the lane fails here with the
 * scripts' reasons; it is never skipped.
 */
export default async function startCgroupV2Host(): Promise<() => Promise<void>> {
  const images = [imageRecipe(RUNNER_BASE_RECIPE).tag, ...CGROUP_V2_LANE_LANGUAGES.map(imageOf)];
  const cImage = imageOf("c");
  const host = new Dockerode();
  const missing: string[] = [];
  for (const tag of [...images, cImage]) if (!(await imageExists(host, tag))) missing.push(tag);
  if (missing.length > 0) {
    throw new Error(
      `The cgroup v2 lane takes runner images from the host's Docker, which lacks ${missing.join(", ")}. ` +
        "Run `bash scripts/setup --tests` from the repository root (it builds them).",
    );
  }

  let started = Date.now();
  const programs = compileLanePrograms(cImage);
  say(`programs compiled in ${seconds(started)}`);

  started = Date.now();
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
      `The cgroup v2 lane needs its test host (a QEMU VM, scripts/cgroup-v2-vm/start) and it did not start (the script's reason is printed above): ${(error as Error).message}`,
    );
  }
  say(`VM up with its images in ${seconds(started)}`);
  process.env.DOCKER_HOST = dockerHost;
  process.env[VM_EXEC_VARIABLE] = `${vmScripts}exec`;
  process.env[PROGRAMS_VARIABLE] = programs;
  // The engine's own words (Docker's errors, the supervisor's fatal messages) for this run.
  const engineLog = join(tmpdir(), "warmbox-cgroup-v2-lane-engine.log");
  rmSync(engineLog, { force: true });
  process.env.WARMBOX_TEST_ENGINE_LOG = engineLog;
  say(`the test engine logs to ${engineLog}`);
  const cgroupVersion = (await new Dockerode().info()).CgroupVersion;
  if (cgroupVersion !== "2") {
    throw new Error(`The cgroup v2 lane's Docker runs on cgroup v${cgroupVersion}`);
  }
  const lane = Date.now();
  return async () => {
    say(`tests took ${seconds(lane)}`);
    const stopping = Date.now();
    vmScript("stop");
    rmSync(programs, { recursive: true, force: true });
    say(`VM stopped in ${seconds(stopping)}`);
  };
}
