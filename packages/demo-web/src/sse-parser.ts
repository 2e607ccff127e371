/** One Server-Sent Event: its `event:` name ("message" when absent) and its joined `data:` lines. */
export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/**
 * An incremental parser of the `text/event-stream` format (WHATWG HTML, "Parsing an event
 * stream"): feed it text as it arrives, in chunks cut anywhere, and it returns the events that
 * are complete so far.
 *
 * @example
 * const parser = new SseParser();
 * parser.push("event: stdout\ndata: hel"); // []
 * parser.push("lo\n\n"); // [{ event: "stdout", data: "hello" }]
 */
export class SseParser {
  #buffer = "";
  #event = "";
  #data: string[] = [];
  #id: string | undefined;
  #sawData = false;

  /** Feeds a chunk of text; returns the events it completed. */
  push(chunk: string): SseEvent[] {
    this.#buffer += chunk;
    const events: SseEvent[] = [];
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.#buffer);
      if (!match) break;
      // A lone "\r" at the end of the buffer may be the first half of "\r\n": wait for more.
      if (match[0] === "\r" && match.index === this.#buffer.length - 1) break;
      const line = this.#buffer.slice(0, match.index);
      this.#buffer = this.#buffer.slice(match.index + match[0].length);
      const event = this.#line(line);
      if (event) events.push(event);
    }
    return events;
  }

  /** Ends the stream: an event without its closing blank line is dropped, as the event-stream format requires (EventSource does the same). */
  end(): SseEvent[] {
    this.#buffer = "";
    this.#reset();
    return [];
  }

  #line(line: string): SseEvent | null {
    if (line === "") {
      if (!this.#sawData) {
        this.#reset();
        return null;
      }
      const event: SseEvent = { event: this.#event || "message", data: this.#data.join("\n") };
      if (this.#id !== undefined) event.id = this.#id;
      this.#reset();
      return event;
    }
    if (line.startsWith(":")) return null;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    switch (field) {
      case "event":
        this.#event = value;
        break;
      case "data":
        this.#data.push(value);
        this.#sawData = true;
        break;
      case "id":
        this.#id = value;
        break;
      default:
        break;
    }
    return null;
  }

  #reset(): void {
    this.#event = "";
    this.#data = [];
    this.#sawData = false;
  }
}
