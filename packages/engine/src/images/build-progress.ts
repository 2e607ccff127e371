/**
 * What an image build is doing, as events a caller can render (the CLI's live lines, the
 * server's log). Each recipe goes `started` → `step`* → `finished` or `failed`.
 */
export type ImageBuildEvent =
  /** Sent once, before any build: the recipes that will be built and those already present. */
  | { type: "plan"; building: string[]; present: string[] }
  | { type: "started"; recipe: string; tag: string }
  /** The step now running, e.g. "3/5 RUN apt-get update" or "debootstrap: Retrieving Packages". */
  | { type: "step"; recipe: string; step: string }
  | { type: "finished"; recipe: string; tag: string; seconds: number }
  | { type: "failed"; recipe: string; tag: string; message: string };

/** Docker's classic builder announces each instruction as "Step 3/5 : RUN …". */
const DOCKER_STEP = /^Step (\d+\/\d+) : (.*)$/;
/** debootstrap reports its phases as "I: Retrieving Packages" etc. */
const DEBOOTSTRAP_INFO = /^I: (.*)$/;

/** The step a line of build output announces, if it announces one. */
export function stepOf(line: string): string | undefined {
  const text = line.trim();
  const docker = DOCKER_STEP.exec(text);
  if (docker) return `${docker[1]} ${docker[2]}`;
  const debootstrap = DEBOOTSTRAP_INFO.exec(text);
  if (debootstrap) return `debootstrap: ${debootstrap[1]}`;
  return undefined;
}
