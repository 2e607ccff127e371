import { InvalidRequestError, languageRegistry, UnknownLanguageError } from "@warmbox/engine";
import type { ServerConfig } from "../config/config-schema.js";
import type { LanguageCatalog } from "../execution/language-catalog.js";
import { CALLBACK_TRIES } from "../submissions/callback-delivery.js";
import type { SubmissionRecord } from "../submissions/submission-record.js";
import type { SubmissionService } from "../submissions/submission-service.js";
import { type FieldErrors, unprocessable } from "./judge0-errors.js";
import { toExecuteRequest, warmboxLanguageOf } from "./judge0-execute-request.js";
import { DEFAULT_FIELDS, type SubmissionAttribute } from "./judge0-fields.js";
import { type Judge0Language, judge0Languages } from "./judge0-languages.js";
import {
  type EngineLimitPolicy,
  engineLimitPolicy,
  type Judge0Settings,
  judge0Settings,
  languageRunLimits,
  STACK_LIMIT_KB,
} from "./judge0-settings.js";
import { isSpecialLanguage } from "./judge0-special-languages.js";
import {
  type Judge0SubmissionRequest,
  parseJudge0Submission,
} from "./judge0-submission-request.js";
import {
  type EffectiveLimits,
  judge0RequestOf,
  judge0SubmissionView,
} from "./judge0-submission-view.js";

/** `meta.api` of the submissions made through this API (selects their callback format). */
const JUDGE0_API = "judge0";

/** Seconds a callback try may take (the submission service's delivery timeout). */
const CALLBACK_TIMEOUT_SECONDS = 10;

/**
 * The Judge0 API over the submission service: turns Judge0 submissions into engine work
 * (checked, with Judge0's 422s), and records back into Judge0's answers. The routes
 * (judge0-routes.ts) only read requests and send what this returns.
 */
export class Judge0Api {
  readonly settings: Judge0Settings;
  readonly #policy: EngineLimitPolicy;
  readonly #submissions: SubmissionService;
  readonly #catalog: LanguageCatalog;

  constructor(options: {
    config: ServerConfig;
    submissions: SubmissionService;
    catalog: LanguageCatalog;
  }) {
    this.#policy = engineLimitPolicy(options.config);
    this.settings = judge0Settings(
      this.#policy,
      { maxTries: CALLBACK_TRIES, timeoutSeconds: CALLBACK_TIMEOUT_SECONDS },
      options.config.maxBodyBytes,
      options.submissions.maxUnfinishedPerOwner,
    );
    this.#submissions = options.submissions;
    this.#catalog = options.catalog;
    // Judge0 PUTs a finished submission to its callback_url, base64-encoded, with the fields a
    // GET answers by default: its clients parse that body, not our native one.
    options.submissions.registerCallbackFormat(JUDGE0_API, {
      method: "PUT",
      body: (record) => this.view(record, { base64: true, fields: DEFAULT_FIELDS, languages: [] }),
    });
  }

  get submissions(): SubmissionService {
    return this.#submissions;
  }

  /** The Judge0 languages served now: current ids, then archived (legacy) ones. */
  async languages(): Promise<Judge0Language[]> {
    return judge0Languages(await this.#catalog.list());
  }

  /**
   * Checks one Judge0 submission body and makes it: 422 Judge0Error naming the fields at
   * fault, else the stored record (queued).
   */
  async create(
    owner: string,
    body: unknown,
    base64: boolean,
    budget: ExtractBudget = { bytes: this.settings.max_extract_size * 1_024 },
  ): Promise<SubmissionRecord> {
    const languages = await this.languages();
    const request = parseJudge0Submission(body, {
      base64,
      settings: this.settings,
      languageOf: (id) => {
        const language = languages.find((candidate) => candidate.id === id);
        return language && { name: language.name, compiled: compiles(language) };
      },
    });
    const work = await toExecuteRequest(request, {
      policy: this.#policy,
      defaultFileOf: (language) => languageRegistry.find(language)?.defaultFile ?? "main",
      maxExtractBytes: Math.min(this.settings.max_extract_size * 1_024, budget.bytes),
    });
    if (request.additional_files) budget.bytes -= filesBytes(work.files ?? []);
    try {
      const [record] = await this.#submissions.submit(owner, [
        {
          work: { kind: "execute", request: work },
          callbackUrl: request.callback_url ?? undefined,
          meta: { api: JUDGE0_API, judge0: request },
        },
      ]);
      if (!record) throw new Error("the submission service stored nothing");
      return record;
    } catch (error) {
      throw asJudge0Error(error, request);
    }
  }

  /**
   * A submission as Judge0 answers it. Throws NotUtf8Error when a requested text isn't UTF-8
   * and `base64` is off.
   */
  view(
    record: SubmissionRecord,
    options: {
      base64: boolean;
      fields: readonly SubmissionAttribute[];
      languages: Judge0Language[];
    },
  ): Record<string, unknown> {
    const request = judge0RequestOf(record);
    if (!request) throw new Error(`submission ${record.id} was not made through the Judge0 API`);
    return judge0SubmissionView(record, request, {
      base64: options.base64,
      fields: options.fields,
      languageName: (id) => options.languages.find((language) => language.id === id)?.name ?? "",
      effectiveLimits: (id) => this.#effectiveLimits(id),
      stackLimitKb: STACK_LIMIT_KB,
    });
  }

  /** One of the owner's Judge0 submissions (one made through another API is not found). */
  async find(owner: string, token: string): Promise<SubmissionRecord | undefined> {
    const record = await this.#submissions.get(owner, token);
    return record && judge0RequestOf(record) ? record : undefined;
  }

  #effectiveLimits(languageId: number): EffectiveLimits {
    const limits = languageRunLimits(this.#policy, warmboxLanguageOf(languageId) ?? "");
    return {
      cpu_time_limit: limits.cpuMs / 1_000,
      wall_time_limit: limits.timeMs / 1_000,
      memory_limit: limits.memoryMb * 1_024,
      max_processes_and_or_threads: limits.processes,
      max_file_size: Math.floor(limits.fileSizeBytes / 1_024),
    };
  }
}

/** Whether a Judge0 language has a compile stage (the special languages run a Bash wrapper). */
function compiles(language: Judge0Language): boolean {
  return (
    !isSpecialLanguage(language.id) &&
    languageRegistry.find(language.warmbox)?.compile !== undefined
  );
}

/**
 * Bytes a request's archives may still extract to: one request (a batch too) stores no more
 * unpacked files than max_extract_size, however small its zips are.
 */
export interface ExtractBudget {
  bytes: number;
}

function filesBytes(files: readonly { content: string; encoding?: string }[]): number {
  return files.reduce(
    (sum, file) =>
      sum + Buffer.byteLength(file.content, file.encoding === "base64" ? "base64" : "utf8"),
    0,
  );
}

/** The service's refusals, as Judge0's 422 on the field they are about. */
function asJudge0Error(error: unknown, request: Judge0SubmissionRequest): unknown {
  if (error instanceof UnknownLanguageError) {
    return unprocessable({
      language_id: [`language with id ${request.language_id} doesn't exist`],
    });
  }
  if (error instanceof InvalidRequestError) {
    const errors: FieldErrors = {};
    for (const issue of error.details) {
      const field = issue.path.endsWith("callbackUrl") ? "callback_url" : "source_code";
      errors[field] = [...(errors[field] ?? []), issue.message];
    }
    return unprocessable(
      Object.keys(errors).length > 0 ? errors : { source_code: [error.message] },
    );
  }
  return error;
}
