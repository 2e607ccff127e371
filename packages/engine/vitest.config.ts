import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: { name: "unit", include: ["src/**/*.test.ts"] },
      },
      {
        // The supervisor's C units on the host kernel, without Docker: needs gcc and unshare (root, or
        // a user namespace the user may make).
        // gcc builds the supervisor's units first: seconds on a loaded machine.
        test: {
          name: "supervisor-host",
          include: ["test/supervisor/*.test.ts"],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: "docker",
          include: ["test/**/*.test.ts"],
          // Restarts the Docker daemon: its own project, run after this one (package.json `test`).
          // The cgroup v2 lane's file runs only against its VM (project cgroup-v2); the supervisor's
          // host tests need no Docker (project supervisor-host).
          exclude: [
            "test/resilience-restart/**",
            "test/cgroup-v2/**",
            "test/supervisor/**",
            "**/node_modules/**",
          ],
          // Every file here runs real containers on one daemon of a 2-core machine: one at a time.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 300_000,
          // Fails the run at once, with what to do, when Docker or the images are missing.
          globalSetup: ["test/global-setup.ts"],
        },
      },
      {
        test: {
          // The core conformance and isolation suites again, every sandbox under gVisor (runsc).
          name: "docker-runsc",
          include: [
            "test/conformance/conformance.test.ts",
            "test/collected-artifact.test.ts",
            "test/stdio-by-name.test.ts",
            "test/isolation/*.test.ts",
          ],
          exclude: [
            // Removes every Warmbox container on the daemon; its runc run covers the engine's part.
            "test/isolation/resilience.test.ts",
            // The engine gives gVisor sandboxes no network at all (requests asking for it are
            // refused): the filtered network's tests have nothing to run on.
            "test/isolation/sandbox-network.test.ts",
          ],
          env: { WARMBOX_TEST_RUNTIME: "runsc" },
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 300_000,
          // Also fails at once, saying how, when Docker has no runsc runtimes.
          globalSetup: ["test/global-setup.ts", "test/runsc-global-setup.ts"],
        },
      },
      {
        test: {
          name: "cgroup-v2",
          // Against the Docker daemon of a cgroup v2 VM (scripts/cgroup-v2-vm): every status,
          // the cgroup counters, the pids limit, the survivor proof, the pool after an OOM.
          include: ["test/cgroup-v2/*.test.ts"],
          fileParallelism: false,
          // The VM is emulated (TCG) where KVM doesn't work: everything takes several times longer.
          testTimeout: 300_000,
          hookTimeout: 900_000,
          // Boots the VM (or fails the lane saying why), loads the images, sets DOCKER_HOST.
          globalSetup: ["test/cgroup-v2/global-setup.ts"],
        },
      },
      {
        test: {
          name: "docker-restart",
          include: ["test/resilience-restart/*.test.ts"],
          fileParallelism: false,
          testTimeout: 240_000,
          hookTimeout: 300_000,
          globalSetup: ["test/global-setup.ts"],
        },
      },
    ],
  },
});
