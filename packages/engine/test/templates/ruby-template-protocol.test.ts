import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { languageImageTag } from "../../src/index.js";
import { docker } from "../helpers/test-engine.js";

/**
 * The Ruby template alone against the supervisor's side of PROTOCOL.md "Templates", played by a
 * root Ruby harness in a container of the Ruby image: the template starts with the sandbox uid as
 * its one argument (1000 without one; anything else is refused before it is ready), and the
 * program it starts for a request runs as that uid, gid 1000, with the request's argv.
 */
const HARNESS = `
require "socket"
File.write("/box/main.rb", "print [Process.uid, Process.euid, Process.gid, ARGV, $0].inspect")
a, b = UNIXSocket.pair(:SEQPACKET)
template = spawn("/usr/local/lib/warmbox/template", *ARGV, 3 => b, close_others: true)
b.close
ready = a.recv(4)
if ready.empty?
  Process.wait(template)
  print({ ready: false, exit: $?.exitstatus }.inspect)
  exit
end
request = ["0", "0", "3", "ruby", "./main.rb", "arg", *ENV.map { |k, v| "#{k}=#{v}" }].map { |s| "#{s}\\0" }.join
in_r, in_w = IO.pipe
out_r, out_w = IO.pipe
err_r, err_w = IO.pipe
status_r, status_w = IO.pipe
a.sendmsg(request, 0, nil, Socket::AncillaryData.unix_rights(in_r, out_w, err_w, status_w))
pid = a.recv(4).unpack1("l")
[in_r, in_w, out_w, err_w, status_w].each(&:close)
Process.wait(pid)
print({ ready: true, exit: $?.exitstatus, out: out_r.read, err: err_r.read, status: status_r.read }.inspect)
Process.kill(:KILL, template)
`;

/** What the harness printed, run as root in a new container of the Ruby image. */
async function harness(args: string[]): Promise<string> {
  const container = await docker.createContainer({
    Image: languageImageTag("ruby"),
    User: "root",
    Entrypoint: ["ruby", "-e", HARNESS, "--", ...args],
    Cmd: [],
    HostConfig: { NetworkMode: "none" },
  });
  try {
    const stream = await container.attach({ stream: true, stdout: true, stderr: true });
    const stdout = new PassThrough();
    const chunks: Buffer[] = [];
    stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    docker.modem.demuxStream(stream, stdout, process.stderr);
    await container.start();
    const { StatusCode } = await container.wait();
    expect(StatusCode).toBe(0);
    return Buffer.concat(chunks).toString();
  } finally {
    await container.remove({ force: true });
  }
}

const ran = (uid: number) =>
  `{:ready=>true, :exit=>0, :out=>"[${uid}, ${uid}, 1000, [\\"arg\\"], \\"./main.rb\\"]", :err=>"", :status=>""}`;

describe("the Ruby template's sandbox uid", () => {
  it("is its argument", async () => {
    expect(await harness(["1234"])).toBe(ran(1234));
  });
  it("is 1000 without one", async () => {
    expect(await harness([])).toBe(ran(1000));
  });
  it("refuses to start on a malformed one", async () => {
    expect(await harness(["12ab"])).toBe("{:ready=>false, :exit=>1}");
  });
});
