/**
 * Judge0's submission statuses, with the ids and descriptions Judge0 CE 1.13.1 answers
 * (`GET /statuses`). Clients compare `status.id`, so the numbers never change.
 */
export const JUDGE0_STATUSES = [
  { id: 1, description: "In Queue" },
  { id: 2, description: "Processing" },
  { id: 3, description: "Accepted" },
  { id: 4, description: "Wrong Answer" },
  { id: 5, description: "Time Limit Exceeded" },
  { id: 6, description: "Compilation Error" },
  { id: 7, description: "Runtime Error (SIGSEGV)" },
  { id: 8, description: "Runtime Error (SIGXFSZ)" },
  { id: 9, description: "Runtime Error (SIGFPE)" },
  { id: 10, description: "Runtime Error (SIGABRT)" },
  { id: 11, description: "Runtime Error (NZEC)" },
  { id: 12, description: "Runtime Error (Other)" },
  { id: 13, description: "Internal Error" },
  { id: 14, description: "Exec Format Error" },
] as const;

/** A status id, 1 to 14. */
export type Judge0StatusId = (typeof JUDGE0_STATUSES)[number]["id"];

/** A submission's `status`: its id and Judge0's description of it. */
export interface Judge0Status {
  id: Judge0StatusId;
  description: string;
}

/** The status of this id, as Judge0 answers it. */
export function judge0Status(id: Judge0StatusId): Judge0Status {
  const status = JUDGE0_STATUSES.find((candidate) => candidate.id === id);
  return { id, description: status?.description ?? "Internal Error" };
}

/** Signals Judge0 gives a status of their own; any other signal is "Runtime Error (Other)". */
const SIGNAL_STATUSES: Readonly<Record<string, Judge0StatusId>> = {
  SIGSEGV: 7,
  SIGXFSZ: 8,
  SIGFPE: 9,
  SIGABRT: 10,
};

/** The runtime-error status of a program killed by `signal` (e.g. "SIGSEGV" → 7). */
export function signalStatusId(signal: string): Judge0StatusId {
  return SIGNAL_STATUSES[signal] ?? 12;
}
