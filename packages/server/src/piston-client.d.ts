/** piston-client ships no types; the tests use it as a real Piston client. */
declare module "piston-client" {
  // biome-ignore lint/suspicious/noExplicitAny: Piston answers of many shapes
  type Json = any;
  interface PistonClient {
    runtimes(): Promise<Json>;
    execute(language: string, code: string, config?: Record<string, unknown>): Promise<Json>;
  }
  export default function piston(options?: { server?: string }): PistonClient;
}
