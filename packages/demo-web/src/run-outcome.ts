import type { ApiErrorKind } from "./api-error.js";
import type { OutputView } from "./output-view.js";
import type { RunOutcome } from "./run-session.js";

/** The title over an error and the badge's word, per error kind; others read "Not run". */
const ERROR_TITLES: Partial<Record<ApiErrorKind, [title: string, badge: string]>> = {
  rate_limited: ["Slow down a little", "Rate limited"],
  overloaded: ["The server is busy", "Server busy"],
  unavailable: ["The server is shutting down", "Unavailable"],
  network: ["No connection to the server", "Offline"],
  unauthorized: ["An API key is needed", "No key"],
};

/** Shows how a run ended in the output pane; `label` names the language in the status line. */
export function showOutcome(output: OutputView, outcome: RunOutcome, label: string): void {
  switch (outcome.kind) {
    case "result":
      output.result(outcome.result, label);
      break;
    case "stopped":
      if (outcome.result) output.result(outcome.result, label, true);
      else {
        output.note("Stopped.");
        output.ended("warning", "Stopped");
      }
      break;
    case "error": {
      const { error } = outcome;
      const [title, badge] = ERROR_TITLES[error.kind] ?? ["The program could not run", "Not run"];
      output.error(title, error);
      output.ended("danger", badge);
      break;
    }
  }
}
