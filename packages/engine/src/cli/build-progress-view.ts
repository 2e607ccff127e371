import isInteractive from "is-interactive";
import { createLogUpdate } from "log-update";
import type { ImageBuildEvent } from "../images/build-progress.js";

/** Shows image builds as they happen; `stop()` leaves the terminal clean. */
export interface BuildProgressView {
  onProgress(event: ImageBuildEvent): void;
  stop(): void;
}

/** How often the live view redraws, so the elapsed seconds tick. */
const REDRAW_INTERVAL_MS = 1_000;

const seconds = (since: number) => `${Math.round((performance.now() - since) / 1000)} s`;
const firstLine = (text: string) => text.split("\n", 1)[0] ?? "";

/** Counts what was planned and what ended, for "3/7". */
class BuildCount {
  total = 0;
  ended = 0;

  count(event: ImageBuildEvent): void {
    if (event.type === "plan") this.total = event.building.length;
    if (event.type === "finished" || event.type === "failed") this.ended++;
  }

  get text(): string {
    return `${this.ended}/${this.total}`;
  }
}

/**
 * On a terminal (log-update redraws a block in place): a line per image in flight with its step
 * and elapsed time, under a done/total count; finished and failed images stay above the block.
 */
function liveView(stream: NodeJS.WriteStream): BuildProgressView {
  const draw = createLogUpdate(stream, { showCursor: true });
  const inFlight = new Map<string, { since: number; step: string }>();
  const count = new BuildCount();
  const render = () => {
    const width = Math.max(40, stream.columns ?? 100) - 1;
    const lines = [...inFlight].map(([recipe, { since, step }]) =>
      `  ${recipe.padEnd(12)} ${seconds(since).padStart(5)}  ${step}`.slice(0, width),
    );
    draw([`building images: ${count.text} done`, ...lines].join("\n"));
  };
  const keep = (line: string) => {
    draw.clear();
    stream.write(`${line}\n`);
  };
  const timer = setInterval(render, REDRAW_INTERVAL_MS);
  return {
    onProgress(event) {
      count.count(event);
      if (event.type === "started")
        inFlight.set(event.recipe, { since: performance.now(), step: "starting" });
      if (event.type === "step") {
        const image = inFlight.get(event.recipe);
        if (image) image.step = event.step;
      }
      if (event.type === "finished") {
        inFlight.delete(event.recipe);
        keep(`✔ ${event.recipe} built in ${event.seconds} s (${count.text})`);
      }
      if (event.type === "failed") {
        const since = inFlight.get(event.recipe)?.since ?? performance.now();
        inFlight.delete(event.recipe);
        keep(`✖ ${event.recipe} failed after ${seconds(since)}: ${firstLine(event.message)}`);
      }
      if (event.type !== "plan" || event.building.length > 0) render();
    },
    stop() {
      clearInterval(timer);
      draw.clear();
      draw.done();
    },
  };
}

/** In CI or a pipe: one plain line when an image starts and one when it ends. */
function plainView(stream: NodeJS.WritableStream): BuildProgressView {
  const count = new BuildCount();
  const started = new Map<string, number>();
  const say = (line: string) => stream.write(`[images] ${line}\n`);
  return {
    onProgress(event) {
      count.count(event);
      if (event.type === "plan" && event.building.length > 0)
        say(`building ${event.building.length}: ${event.building.join(", ")}`);
      if (event.type === "started") {
        started.set(event.recipe, performance.now());
        say(`${event.recipe}: started (${event.tag})`);
      }
      if (event.type === "finished")
        say(`${event.recipe}: built in ${event.seconds} s (${count.text} done)`);
      if (event.type === "failed") {
        const since = started.get(event.recipe) ?? performance.now();
        say(`${event.recipe}: FAILED after ${seconds(since)}: ${firstLine(event.message)}`);
      }
    },
    stop() {},
  };
}

/**
 * The live view on an interactive terminal, plain lines in CI (CI set), on a dumb terminal, on
 * a terminal that reports no size (log-update would draw nothing) or when piped.
 */
export function buildProgressView(
  stream: NodeJS.WriteStream = process.stderr,
  interactive: boolean = isInteractive({ stream }) && (stream.rows ?? 0) > 0,
): BuildProgressView {
  return interactive ? liveView(stream) : plainView(stream);
}
