import { expect } from "vitest";
import { isolationTest } from "../isolation/isolation-test.js";
import {
  expectKilledTemplateReplaced,
  expectTemplateUnreachable,
} from "./template-test-helpers.js";

/**
 * A program tries to reach or poison the Ruby template (docs/templates.md) that started it.
 * Every attempt is refused by the kernel (its errno is the proof), the template runs on
 * unchanged, a template killed from outside is replaced, and what a run leaves running is swept.
 */
const test = isolationTest({ languages: ["ruby"], pool: { min: 1, max: 1 } });

const FIND_TEMPLATE = `def template_pid
  Dir.children("/proc").grep(/\\A\\d+\\z/).map(&:to_i).find do |pid|
    next if pid == Process.pid
    status = File.read("/proc/#{pid}/status") rescue next
    status.include?("\\nUid:\\t0\\t") && File.read("/proc/#{pid}/comm") == "template\\n"
  end
end
puts "template #{template_pid}"
`;

const ATTACK = `${FIND_TEMPLATE}
require "fiddle"
t = template_pid
libc = Fiddle::Handle::DEFAULT
syscall = Fiddle::Function.new(libc["syscall"], [Fiddle::TYPE_LONG] * 7, Fiddle::TYPE_LONG)
def attempt(name)
  yield
  puts "#{name} done"
rescue SystemCallError => e
  puts "#{name} #{Errno.constants.find { |c| Errno.const_get(c).const_defined?(:Errno) && Errno.const_get(c)::Errno == e.errno }}"
end
def call(result)
  raise SystemCallError.new(nil, Fiddle.last_error) if result == -1
end
attempt("kill") { Process.kill(:KILL, t) }
attempt("stop") { Process.kill(:STOP, t) }
attempt("ptrace") { call(syscall.call(101, 16, t, 0, 0, 0, 0)) } # PTRACE_ATTACH
attempt("seize") { call(syscall.call(101, 0x4206, t, 0, 0, 0, 0)) } # PTRACE_SEIZE
attempt("mem") { File.binread("/proc/#{t}/mem", 1) }
attempt("process_vm_readv") do
  buffer = Fiddle::Pointer.malloc(8)
  local = Fiddle::Pointer[[buffer.to_i, 8].pack("QQ")]
  remote = Fiddle::Pointer[[0x400000, 8].pack("QQ")]
  call(syscall.call(310, t, local.to_i, 1, remote.to_i, 1, 0))
end
attempt("fds") { Dir.children("/proc/#{t}/fd") }
attempt("socket") { File.open("/proc/#{t}/fd/3", "wb") }
attempt("environ") { File.binread("/proc/#{t}/environ") }
attempt("nice") { Process.setpriority(Process::PRIO_PROCESS, t, 19) }
attempt("affinity") { call(syscall.call(203, t, 8, Fiddle::Pointer[[1].pack("Q")].to_i, 0, 0, 0)) }
attempt("stdlib") { File.open(File.join(RbConfig::CONFIG["rubylibdir"], "set.rb"), "a") }
attempt("template file") { File.open("/usr/local/lib/warmbox/template", "a") }
attempt("template dir") { File.open("/usr/local/lib/warmbox/set.rb", "w") }
%w[/tmp /dev/shm /box].each do |place|
  %w[set json fiddle rubygems did_you_mean].each do |name|
    File.write("#{place}/#{name}.rb", "puts 'POISONED'\\n")
  end
end
`;

const AFTER = `${FIND_TEMPLATE}
require "set"
require "json"
places = %w[/tmp /dev/shm /box]
p $LOADED_FEATURES.select { |f| f.start_with?(*places) }
`;

test("a program can't signal, trace, read or poison its template", async ({ engine, unharmed }) => {
  // The next run starts from the same template, which loaded none of the poison.
  await expectTemplateUnreachable(
    engine,
    "ruby",
    { attack: ATTACK, after: AFTER },
    {
      ownRefusals: ["stdlib EACCES", "template file EACCES", "template dir EROFS"],
      afterReport: "[]\n",
    },
  );
  await unharmed(["ruby"]);
});

test("a template killed from outside is replaced", async ({ engine, unharmed }) => {
  await expectKilledTemplateReplaced(engine, "ruby", FIND_TEMPLATE);
  await unharmed(["ruby"]);
});

test("what a run leaves running is swept; the template is not", async ({ engine, unharmed }) => {
  const leaver = await engine.execute({
    language: "ruby",
    source: `${FIND_TEMPLATE}
2.times { Process.detach(fork { Process.setsid; $stdout.reopen("/dev/null"); sleep 600 }) }
Process.daemon(true, true)
sleep 600
`,
  });
  expect(leaver.status, JSON.stringify(leaver)).toBe("ok");
  const template = leaver.run?.stdout.trim();
  const census = await engine.execute({
    language: "ruby",
    source: `${FIND_TEMPLATE}
mine = Dir.children("/proc").grep(/\\A\\d+\\z/).map(&:to_i).select do |pid|
  File.read("/proc/#{pid}/status")[/^Uid:\\t(\\d+)/, 1] == Process.uid.to_s rescue false
end
p mine == [Process.pid]
`,
  });
  expect(census.run?.stdout).toBe(`${template}\ntrue\n`);
  await unharmed(["ruby"]);
});

test("the signal wakeup eventfds a run holds are its own, not the template's", async ({
  engine,
  unharmed,
}) => {
  // Every clone starts with a copy of the template's fds; the clone closes the template's
  // eventfds and makes its own (after_exec). Were they the template's, the count one run
  // writes would still be there for the next run's clone.
  const COUNTS = `counts = Dir.children("/proc/self/fd").map(&:to_i).sort.filter_map do |fd|
  (File.read("/proc/self/fdinfo/#{fd}") rescue "")[/^eventfd-count:\\s*(\\h+)/, 1]&.to_i(16)
end
`;
  const writer = await engine.execute({
    language: "ruby",
    // Ruby reserves them (IO.for_fd refuses): written with write(2) through Fiddle.
    source: `${COUNTS}require "fiddle"
write = Fiddle::Function.new(Fiddle::Handle::DEFAULT["write"], [Fiddle::TYPE_INT, Fiddle::TYPE_VOIDP, Fiddle::TYPE_LONG], Fiddle::TYPE_LONG)
Dir.children("/proc/self/fd").map(&:to_i).each do |fd|
  next unless (File.readlink("/proc/self/fd/#{fd}") rescue "") == "anon_inode:[eventfd]"
  write.call(fd, [0x5eed0000].pack("Q"), 8)
end
${COUNTS}p counts.count { |count| count >= 0x5eed0000 }
`,
  });
  // Its own counts show what it wrote.
  expect(writer.run?.stdout, JSON.stringify(writer)).toMatch(/^[12]\n$/);
  const reader = await engine.execute({
    language: "ruby",
    source: `${COUNTS}p counts.none? { |count| count >= 0x5eed0000 }\n`,
  });
  expect(reader.run?.stdout, JSON.stringify(reader)).toBe("true\n");
  await unharmed(["ruby"]);
});
