import type { FastifyInstance } from "fastify";
import { packageVersion } from "../http/package-root.js";
import type { Judge0Api } from "./judge0-api.js";
import { Judge0Error } from "./judge0-errors.js";
import { judge0LanguageDetail } from "./judge0-languages.js";
import { JUDGE0_COMPATIBLE_VERSION } from "./judge0-settings.js";
import { JUDGE0_STATUSES } from "./judge0-statuses.js";

/**
 * Judge0's read-only routes: `GET /languages` (`[{ id, name }]`, current ids),
 * `/languages/all` (with `is_archived`, legacy ids too), `/languages/:id` (with source file and
 * commands), `/statuses`, `/about`, `/config_info` and `/workers`.
 */
export function registerJudge0InfoRoutes(
  scope: FastifyInstance,
  options: { api: Judge0Api; workerSlots: number },
): void {
  const { api } = options;

  scope.get("/languages", async () =>
    (await api.languages())
      .filter((language) => !language.is_archived)
      .map(({ id, name }) => ({ id, name })),
  );

  scope.get("/languages/all", async () =>
    (await api.languages()).map(({ id, name, is_archived }) => ({ id, name, is_archived })),
  );

  scope.get<{ Params: { id: string } }>("/languages/:id", async (request) => {
    // Ids are decimal (Number() would also read "0x47" as 71).
    const id = /^\d+$/.test(request.params.id) ? Number(request.params.id) : Number.NaN;
    const language = (await api.languages()).find((candidate) => candidate.id === id);
    if (!language)
      throw Judge0Error.message(404, `language with id ${request.params.id} not found`);
    return judge0LanguageDetail(language);
  });

  scope.get("/statuses", async () => JUDGE0_STATUSES);

  scope.get("/about", async () => ({
    version: JUDGE0_COMPATIBLE_VERSION,
    homepage: null,
    source_code: null,
    maintainer: "Warmbox",
    server: `warmbox ${packageVersion()}`,
  }));

  scope.get("/config_info", async () => api.settings);

  scope.get("/workers", async () => {
    const counts = await api.submissions.counts();
    const idle = Math.max(0, options.workerSlots - counts.running);
    return [
      {
        queue: JUDGE0_COMPATIBLE_VERSION,
        size: counts.queued,
        available: options.workerSlots,
        idle,
        working: counts.running,
        paused: 0,
        failed: 0,
      },
    ];
  });
}
