import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "@cdktf/hcl2json";
import { repoPath } from "./repo.js";

/** A block's body as hcl2json gives it: attributes, nested blocks as arrays of bodies. */
export type Body = Record<string, unknown>;

/** Every .tf file of infra/terraform, parsed with HashiCorp's HCL parser (hcl2json, WebAssembly). */
export interface TerraformConfig {
  dir: string;
  /** File name → its parsed JSON. */
  files: Map<string, Body>;
  /** "aws_lb.this" → body. */
  resources: Map<string, Body>;
  /** "aws_ssm_parameter.ecs_ami" (without "data.") → body. */
  data: Map<string, Body>;
  variables: Map<string, Body>;
  locals: Map<string, unknown>;
  outputs: Map<string, Body>;
  /** The bodies of every `terraform {}` block. */
  terraform: Body[];
}

export const TERRAFORM_DIR = repoPath("infra/terraform");

function firstBody(value: unknown): Body {
  const body = Array.isArray(value) ? value[0] : value;
  if (body === null || typeof body !== "object") throw new Error("expected a block body");
  return body as Body;
}

function addTyped(target: Map<string, Body>, section: unknown): void {
  for (const [type, byName] of Object.entries((section ?? {}) as Record<string, unknown>)) {
    for (const [name, body] of Object.entries(byName as Record<string, unknown>)) {
      const key = `${type}.${name}`;
      if (target.has(key)) throw new Error(`${key} is declared twice`);
      target.set(key, firstBody(body));
    }
  }
}

function addNamed(target: Map<string, Body>, section: unknown, kind: string): void {
  for (const [name, body] of Object.entries((section ?? {}) as Record<string, unknown>)) {
    if (target.has(name)) throw new Error(`${kind} ${name} is declared twice`);
    target.set(name, firstBody(body));
  }
}

export async function loadTerraform(dir: string = TERRAFORM_DIR): Promise<TerraformConfig> {
  const config: TerraformConfig = {
    dir,
    files: new Map(),
    resources: new Map(),
    data: new Map(),
    variables: new Map(),
    locals: new Map(),
    outputs: new Map(),
    terraform: [],
  };
  const names = readdirSync(dir)
    .filter((name) => name.endsWith(".tf"))
    .sort();
  for (const name of names) {
    const json = (await parse(name, readFileSync(join(dir, name), "utf8"))) as Body;
    config.files.set(name, json);
    addTyped(config.resources, json.resource);
    addTyped(config.data, json.data);
    addNamed(config.variables, json.variable, "variable");
    addNamed(config.outputs, json.output, "output");
    for (const block of (json.locals ?? []) as Body[]) {
      for (const [key, value] of Object.entries(block)) {
        if (config.locals.has(key)) throw new Error(`local ${key} is declared twice`);
        config.locals.set(key, value);
      }
    }
    config.terraform.push(...((json.terraform ?? []) as Body[]));
  }
  return config;
}

/** Every string (values and keys) anywhere inside a parsed value. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([key, child]) => [key, ...stringsIn(child)]);
  }
  return [];
}

/** Kinds of reference an expression can make. */
export type Reference =
  | { kind: "resource"; key: string }
  | { kind: "data"; key: string }
  | { kind: "var"; key: string }
  | { kind: "local"; key: string };

const REFERENCE =
  /(?<![\w./-])(?:(data)\.([a-z][a-z0-9_]*\.[A-Za-z_][\w-]*)|(var|local)\.([A-Za-z_][\w-]*)|([a-z][a-z0-9]*_[a-z0-9_]+\.[A-Za-z_][\w-]*))/g;

/** The references made inside the `${...}` interpolations of every string of a value. */
export function referencesIn(value: unknown): Reference[] {
  const found: Reference[] = [];
  for (const text of stringsIn(value)) {
    if (!text.includes("${")) continue;
    for (const match of text.matchAll(REFERENCE)) {
      if (match[1] === "data" && match[2]) found.push({ kind: "data", key: match[2] });
      else if (match[3] === "var" && match[4]) found.push({ kind: "var", key: match[4] });
      else if (match[3] === "local" && match[4]) found.push({ kind: "local", key: match[4] });
      else if (match[5]) found.push({ kind: "resource", key: match[5] });
    }
  }
  return found;
}

/**
 * Follows `${var.x}` (to its default) and `${local.x}` (to its value) until a value that is not
 * a bare reference.
 */
export function resolve(config: TerraformConfig, value: unknown, depth = 0): unknown {
  if (depth > 20 || typeof value !== "string") return value;
  const match = /^\$\{(var|local)\.([A-Za-z_][\w-]*)\}$/.exec(value);
  if (!match) return value;
  const [, kind, name = ""] = match;
  if (kind === "var") return resolve(config, config.variables.get(name)?.default, depth + 1);
  return resolve(config, config.locals.get(name), depth + 1);
}

/** A resource's body; throws naming the resource when it isn't declared. */
export function resource(config: TerraformConfig, key: string): Body {
  const body = config.resources.get(key);
  if (!body) throw new Error(`resource ${key} is not declared in ${config.dir}`);
  return body;
}

/** The resources of one type, by name. */
export function resourcesOfType(config: TerraformConfig, type: string): Array<[string, Body]> {
  return [...config.resources.entries()]
    .filter(([key]) => key.startsWith(`${type}.`))
    .map(([key, body]) => [key.slice(type.length + 1), body]);
}

/** A nested block's first body (hcl2json gives nested blocks as arrays). */
export function block(body: Body, name: string): Body {
  const value = body[name];
  if (value === undefined) throw new Error(`no ${name} block`);
  return firstBody(value);
}
