// biome-ignore-all lint/suspicious/noExplicitAny: Node's APIs are typed loosely on purpose (see below).
/**
 * Node.js's globals for TypeScript programs run by Warmbox: console, process, require, timers,
 * and every core module (typed loosely, as `any`). The full @types/node lives on npm, which
 * the image build does not use; this covers what playground and judge programs reach for.
 */

interface WarmboxWritable {
  write(chunk: string | Uint8Array, callback?: (error?: Error | null) => void): boolean;
  end(chunk?: string | Uint8Array): void;
  on(event: string, listener: (...args: any[]) => void): this;
}

interface WarmboxReadable extends AsyncIterable<any> {
  fd: number;
  on(event: string, listener: (...args: any[]) => void): this;
  once(event: string, listener: (...args: any[]) => void): this;
  setEncoding(encoding: string): this;
  resume(): this;
  pause(): this;
  read(size?: number): any;
}

declare var console: {
  log(...data: any[]): void;
  info(...data: any[]): void;
  debug(...data: any[]): void;
  warn(...data: any[]): void;
  error(...data: any[]): void;
  dir(item: any, options?: any): void;
  table(data: any, columns?: string[]): void;
  time(label?: string): void;
  timeEnd(label?: string): void;
  assert(condition?: boolean, ...data: any[]): void;
};

declare var process: {
  argv: string[];
  env: Record<string, string | undefined>;
  exitCode: number | undefined;
  exit(code?: number): never;
  stdin: WarmboxReadable;
  stdout: WarmboxWritable;
  stderr: WarmboxWritable;
  platform: string;
  version: string;
  versions: Record<string, string>;
  pid: number;
  cwd(): string;
  uptime(): number;
  hrtime: { (time?: [number, number]): [number, number]; bigint(): bigint };
  memoryUsage(): Record<string, number>;
  nextTick(callback: (...args: any[]) => void, ...args: any[]): void;
  on(event: string, listener: (...args: any[]) => void): any;
};

declare var require: { (id: string): any; resolve(id: string): string; main: any };
declare var module: { exports: any; id: string; filename: string };
declare var exports: any;
declare var __dirname: string;
declare var __filename: string;
declare var global: typeof globalThis;
declare var Buffer: any;
declare var TextEncoder: any;
declare var TextDecoder: any;
declare var URL: any;
declare var URLSearchParams: any;
declare var AbortController: any;
declare var performance: { now(): number };
declare function structuredClone<T>(value: T): T;
declare function queueMicrotask(callback: () => void): void;
declare function setTimeout(callback: (...args: any[]) => void, ms?: number, ...args: any[]): any;
declare function clearTimeout(handle: any): void;
declare function setInterval(callback: (...args: any[]) => void, ms?: number, ...args: any[]): any;
declare function clearInterval(handle: any): void;
declare function setImmediate(callback: (...args: any[]) => void, ...args: any[]): any;
declare function clearImmediate(handle: any): void;

declare module "assert";
declare module "buffer";
declare module "child_process";
declare module "crypto";
declare module "events";
declare module "fs";
declare module "fs/promises";
declare module "os";
declare module "path";
declare module "process";
declare module "readline";
declare module "readline/promises";
declare module "stream";
declare module "string_decoder";
declare module "timers";
declare module "timers/promises";
declare module "url";
declare module "util";
declare module "worker_threads";
declare module "zlib";
declare module "node:assert";
declare module "node:buffer";
declare module "node:child_process";
declare module "node:crypto";
declare module "node:events";
declare module "node:fs";
declare module "node:fs/promises";
declare module "node:os";
declare module "node:path";
declare module "node:process";
declare module "node:readline";
declare module "node:readline/promises";
declare module "node:stream";
declare module "node:string_decoder";
declare module "node:timers";
declare module "node:timers/promises";
declare module "node:url";
declare module "node:util";
declare module "node:worker_threads";
declare module "node:zlib";
