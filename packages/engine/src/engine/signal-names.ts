/**
 * Linux signal numbers and their conventional names. The sandbox always runs Linux, whatever
 * the host is, so the numbers are Linux's (not `os.constants.signals`, which follows the host
 * and, read backwards, names 6 `SIGIOT` and 29 `SIGPOLL`). Where Linux gives one number two
 * names, the one users and tools expect is listed: SIGABRT, SIGIO, SIGSYS.
 */
const LINUX_SIGNAL_NAMES: readonly string[] = [
  "",
  "SIGHUP",
  "SIGINT",
  "SIGQUIT",
  "SIGILL",
  "SIGTRAP",
  "SIGABRT",
  "SIGBUS",
  "SIGFPE",
  "SIGKILL",
  "SIGUSR1",
  "SIGSEGV",
  "SIGUSR2",
  "SIGPIPE",
  "SIGALRM",
  "SIGTERM",
  "SIGSTKFLT",
  "SIGCHLD",
  "SIGCONT",
  "SIGSTOP",
  "SIGTSTP",
  "SIGTTIN",
  "SIGTTOU",
  "SIGURG",
  "SIGXCPU",
  "SIGXFSZ",
  "SIGVTALRM",
  "SIGPROF",
  "SIGWINCH",
  "SIGIO",
  "SIGPWR",
  "SIGSYS",
];

/** The first and last real-time signal numbers of glibc on Linux. */
const SIGRTMIN = 34;
const SIGRTMAX = 64;

/**
 * The conventional name of a Linux signal number: `6` → `"SIGABRT"`, `35` → `"SIGRTMIN+1"`;
 * `SIG<n>` for a number Linux does not define; `null` for no signal.
 */
export function signalName(signal: number | null): string | null {
  if (signal === null) return null;
  const name = LINUX_SIGNAL_NAMES[signal];
  if (name) return name;
  if (signal === SIGRTMIN) return "SIGRTMIN";
  if (signal === SIGRTMAX) return "SIGRTMAX";
  if (signal > SIGRTMIN && signal < SIGRTMAX) return `SIGRTMIN+${signal - SIGRTMIN}`;
  return `SIG${signal}`;
}
