import { hostname } from "node:os";

/**
 * Every container Warmbox creates carries these labels, so that it can be found and reaped
 * (reaper/container-reaper.ts).
 */
export const LABEL_MANAGED = "dev.warmbox.managed";
export const LABEL_ENGINE = "dev.warmbox.engine";
export const LABEL_ENGINE_HOST = "dev.warmbox.engine-host";
export const LABEL_ENGINE_PID = "dev.warmbox.engine-pid";
export const LABEL_LANGUAGE = "dev.warmbox.language";

export function sandboxLabels(engineId: string, language: string): Record<string, string> {
  return {
    [LABEL_MANAGED]: "true",
    [LABEL_ENGINE]: engineId,
    [LABEL_ENGINE_HOST]: hostname(),
    [LABEL_ENGINE_PID]: String(process.pid),
    [LABEL_LANGUAGE]: language,
  };
}
