import { SANDBOX_UIDS } from "../../src/docker/sandbox-uids.js";
import type { TemplateProgram } from "./python-template-programs.js";

/**
 * Programs whose whole output (stdout, stderr, exit code, signal) is the same whether the run
 * was started by the Ruby template or by a fresh `ruby main.rb`: each prints facts about how it
 * was started, never a value that differs from run to run (a pid is printed as its relation to
 * others).
 */
const lines = (...source: string[]) => `${source.join("\n")}\n`;

export const rubyTemplatePrograms: Record<string, TemplateProgram> = {
  argv: { source: lines("p ARGV, $*.equal?(ARGV)"), args: ["one", "-two", "$(three)", "", "é"] },
  "ARGV strings": {
    source: lines("p ARGV.map { |a| [a.encoding, a.frozen?, a.valid_encoding?] }"),
    args: ["a", "\u00e9"],
  },
  "$0, __FILE__ and the program name": {
    source: lines(
      "p $0, $PROGRAM_NAME, __FILE__, Process.argv0, __dir__, __method__",
      "p [$0, __FILE__, Process.argv0].map { |s| [s.encoding, s.frozen?] }",
      "p __FILE__ == $0, $0.equal?($PROGRAM_NAME)",
    ),
  },
  "$0 assigned": { source: lines('$0 = "renamed"', "p $0, $0.frozen?") },
  "$LOADED_FEATURES at start": { source: lines("puts $LOADED_FEATURES") },
  $LOAD_PATH: { source: lines("p $LOAD_PATH, $:.equal?($LOAD_PATH)") },
  "gems and constants at start": {
    source: lines(
      "p Gem.loaded_specs.keys, defined?(Fiddle), defined?(Socket), defined?(DATA)",
      "p Object.constants.sort",
      "p global_variables.sort",
    ),
  },
  "the top level": {
    source: lines(
      "p self, self.class, local_variables, binding.local_variables, caller.size <= 2",
      "p singleton_methods, private_methods(false).sort.first(5)",
    ),
  },
  "require_relative and require of files beside main.rb": {
    files: [
      {
        name: "main.rb",
        content: lines(
          'require_relative "helper"',
          'require "./other"',
          "p Helper.where, Other::NAME",
          'p $LOADED_FEATURES.last(2), require_relative("helper")',
        ),
      },
      { name: "helper.rb", content: lines("module Helper", "  def self.where = __FILE__", "end") },
      { name: "other.rb", content: lines('module Other; NAME = "other"; end') },
    ],
  },
  "Fiddle, loaded by the program": {
    source: lines(
      'require "fiddle"',
      'strlen = Fiddle::Function.new(Fiddle::Handle::DEFAULT["strlen"], [Fiddle::TYPE_VOIDP], Fiddle::TYPE_SIZE_T)',
      'p strlen.call("warmbox"), Gem.loaded_specs.key?("fiddle"), Fiddle.last_error.class',
    ),
  },
  "standard libraries": {
    source: lines(
      'require "json"',
      'require "set"',
      'require "socket"',
      'require "etc"',
      'p JSON.generate({ "a" => [1, 2] }), Set[3, 1].sort, Etc.getpwuid.name',
      "a, b = UNIXSocket.pair",
      'a.write("ping"); p b.read(4)',
    ),
  },
  environment: { source: lines("p ENV.to_h.sort, ENV.size") },
  "stdin by lines, then the rest": {
    source: lines(
      "p gets, $_, STDIN.readline, $stdin.read",
      "p $stdin.eof?, $stdin.external_encoding, $stdin.sync, $stdin.tty?",
    ),
    stdin: "first\nsecond\nthé rest\n\nend",
  },
  "empty stdin": { source: lines("p $stdin.read, gets") },
  "stdout buffered, stderr not": {
    source: lines(
      "p $stdout.sync, $stderr.sync, $stdout.fileno, $stderr.fileno, $stdout.tty?",
      'print "a"',
      '$stdout.syswrite("b")',
      'print "c"',
      '$stderr.print "e"',
    ),
  },
  "interleaved stdout and stderr": {
    source: lines("5.times { |i| puts i; warn(-i) }"),
  },
  "exit code": { source: lines('puts "bye"', "exit 3") },
  "exit false and exit true": { source: lines("at_exit { exit true }", "exit false") },
  "exit! skips at_exit and the buffer": {
    source: lines('at_exit { puts "never" }', 'print "lost"', "exit! 4"),
  },
  abort: { source: lines('puts "out"', 'abort "it went wrong"') },
  "uncaught exception": {
    source: lines("def f", '  raise ArgumentError, "bad value"', "end", "f"),
  },
  "exception with a cause": {
    source: lines("begin", "  1 / 0", "rescue ZeroDivisionError", '  raise KeyError, "k"', "end"),
  },
  "NameError with its hints": { source: lines("value = 1", "p valeu") },
  "NoMethodError with its highlight": { source: lines("x = nil", "x.upcase") },
  "syntax error": { source: 'puts "never"\ndef broken(\n' },
  "a warning while parsing": { source: lines("if (a = 1)", "  p a", "end") },
  "SystemExit and Interrupt": { source: lines('puts "before"', "raise Interrupt") },
  "killed by its own SIGTERM": {
    source: lines('$stdout.sync = true; puts "x"', "Process.kill(:TERM, $$)", "sleep 1"),
  },
  "killed by its own SIGKILL": { source: lines("Process.kill(:KILL, Process.pid)") },
  "a trapped signal wakes a sleeping program": {
    source: lines(
      'trap("USR2") { raise "woken" }',
      'Thread.new { sleep 0.05; Process.kill("USR2", $$) }',
      "begin",
      "  sleep 30",
      "rescue => e",
      "  p e.message",
      "end",
    ),
  },
  "signal handlers at start": {
    source: lines(
      "p Signal.list.keys.reject { |s| %w[KILL STOP VTALRM SEGV BUS].include?(s) }.map { |s|",
      "  [s, (trap(s, 'SYSTEM_DEFAULT').tap { |old| trap(s, old) } rescue $!.class)]",
      "}",
    ),
  },
  "at_exit, END and trap EXIT order": {
    source: lines(
      'at_exit { puts "at_exit 1" }',
      'END { puts "END" }',
      'trap("EXIT") { puts "trap EXIT" }',
      'at_exit { puts "at_exit 2"; exit 9 }',
      'ObjectSpace.define_finalizer(Object.new, proc { puts "finalizer" })',
      'puts "main"',
    ),
  },
  "BEGIN, top-level return, DATA": {
    source: lines(
      'BEGIN { puts "begin" }',
      "p DATA.read, DATA.lineno, __FILE__",
      "return",
      'puts "never"',
      "__END__",
      "data line 1",
      "data line 2",
    ),
  },
  "magic comments": {
    source: lines(
      "# frozen_string_literal: true",
      "# encoding: ascii-8bit",
      'p "lit".frozen?, "lit".encoding, __ENCODING__, Encoding.default_external, Encoding.default_internal',
    ),
  },
  "Kernel#fork": {
    source: lines(
      "me = Process.pid",
      "r, w = IO.pipe",
      "pid = fork do",
      "  r.close",
      "  w.puts [Process.ppid == me, Process.pid != me].inspect",
      '  at_exit { puts "child at_exit" }',
      "  exit 7",
      "end",
      "w.close",
      "Process.wait(pid)",
      "p r.read, $?.exitstatus, $?.pid == pid",
    ),
  },
  "fork with a block and threads in the child": {
    source: lines(
      "pid = fork { p Thread.new { 6 * 7 }.value, Thread.list.size }",
      "Process.wait(pid)",
      "p $?.success?",
    ),
  },
  threads: {
    source: lines(
      "p Thread.list.size, Thread.main == Thread.current, Thread.current.name",
      "q = Queue.new",
      "workers = 4.times.map { |i| Thread.new { q << i * i } }",
      "workers.each(&:join)",
      "p 4.times.map { q.pop }.sort",
      "m = Mutex.new; c = ConditionVariable.new; ready = false",
      "t = Thread.new { m.synchronize { c.wait(m) until ready; :done } }",
      "m.synchronize { ready = true; c.signal }",
      "p t.value",
    ),
  },
  "a thread blocked in a read is killed": {
    source: lines(
      "r, _w = IO.pipe",
      "t = Thread.new { r.read }",
      "sleep 0.05",
      "t.kill",
      "p t.join(5)&.status",
      "t2 = Thread.new { Thread.current.report_on_exception = false; sleep }",
      "sleep 0.05",
      't2.raise("stop")',
      "p((t2.join rescue $!.message))",
    ),
  },
  "a thread's uncaught exception is reported": {
    source: lines(
      'require "stringio"',
      "$stderr = StringIO.new",
      'Thread.new { raise "in thread" }.join rescue p $!.message',
      "report = $stderr.string",
      "$stderr = STDERR",
      'warn report.sub(/0x\\h+/, "ADDRESS")',
      "p Thread.report_on_exception, Thread.abort_on_exception",
    ),
  },
  "threads busy at once (the GVL switches between them)": {
    source: lines(
      "counts = Array.new(3, 0)",
      "threads = 3.times.map { |i| Thread.new { 200_000.times { counts[i] += 1 } } }",
      "threads.each(&:join)",
      "p counts",
    ),
  },
  "pid relations": {
    source: lines(
      "pid, ppid = Process.pid, Process.ppid",
      "p pid != ppid, Process.getpgid(0) == pid, Process.getsid == pid, $$ == pid",
      'p pid == File.readlink("/proc/self").to_i, File.read("/proc/#{ppid}/comm"), File.read("/proc/self/comm")',
      "p Thread.current.native_thread_id == pid",
    ),
  },
  "credentials and capabilities": {
    source: lines(
      // every container has a uid of its own: the same facts, not the same number
      'require "etc"',
      'uid = File.stat("/box").uid',
      `p [Process.uid, Process.euid] == [uid, uid], (${SANDBOX_UIDS.first}..${SANDBOX_UIDS.last}).cover?(uid), Etc.getpwuid(uid).name`,
      "p Process.gid, Process.egid, Process.groups",
      'status = File.read("/proc/self/status").lines.to_h { |l| l.chomp.split(":\\t", 2) }',
      'p status.values_at("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb", "NoNewPrivs", "Seccomp")',
      'p File.read("/proc/self/oom_score_adj")',
    ),
  },
  "limits, umask, working directory": {
    source: lines(
      "p %i[CPU FSIZE CORE NOFILE NPROC STACK AS].map { |r| Process.getrlimit(r) }",
      "p File.umask, Dir.pwd",
      'File.write("made.txt", "x")',
      'p File.stat("made.txt").mode.to_s(8), Dir.children(".").sort',
    ),
  },
  // The one way a program sends the template to exec the real command: its fds, signals,
  // credentials and limits are a fresh start's (nothing of the template's survives the exec).
  "a #! line with ruby options (exec of the real command)": {
    source: lines(
      "#!/usr/bin/ruby -w",
      'p Dir.children("/proc/self/fd").sort.map { |f| [f, (File.readlink("/proc/self/fd/#{f}").sub(/\\d+/, "N") rescue nil)] }',
      'status = File.read("/proc/self/status").lines.to_h { |l| l.chomp.split(":\\t", 2) }',
      'p status["Uid"].split.uniq == [File.stat("/box").uid.to_s], status.values_at("Gid", "Groups", "CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb", "NoNewPrivs", "Seccomp", "SigBlk", "SigIgn")',
      'p %i[CPU FSIZE CORE NOFILE].map { |r| Process.getrlimit(r) }, $VERBOSE, File.binread("/proc/self/cmdline")',
    ),
  },
  "open fds": {
    source: lines(
      'p Dir.children("/proc/self/fd").sort.map { |f| [f, (File.readlink("/proc/self/fd/#{f}").sub(/\\d+/, "N") rescue nil)] }',
      "p IO.pipe.map(&:fileno)",
    ),
  },
  "child processes": {
    source: lines(
      'system("echo from sh; exit 3")',
      "p $?.exitstatus",
      "p `echo back`, $?.success?",
      'p IO.popen(["cat"], "r+") { |io| io.write("piped"); io.close_write; io.read }',
    ),
  },
  "deep recursion that fits": {
    source: lines("def down(n) = n < 5000 ? down(n + 1) : n", "p down(0)"),
  },
  "a stack overflow is a SystemStackError": {
    source: lines(
      "def forever = forever",
      "begin",
      "  forever",
      "rescue SystemStackError => e",
      "  p e.class, e.message",
      "end",
    ),
  },
  "Process.wait without children": {
    source: lines("p((Process.wait rescue $!.class))", "p Process.waitall"),
  },
  "Kernel#exec": {
    source: lines(
      '$stdout.sync = true; puts "before"',
      'exec "sh", "-c", "echo $0 from sh; exit 5"',
    ),
  },
  "Process.spawn and wait2": {
    source: lines(
      'pid = Process.spawn("sh", "-c", "exit 6")',
      "_, status = Process.wait2(pid)",
      "p status.exitstatus, status.pid == pid",
    ),
  },
  "Timeout (a thread that raises into the main one)": {
    source: lines(
      'require "timeout"',
      "p((Timeout.timeout(0.05) { sleep 5 } rescue $!.class))",
      "p Timeout.timeout(5) { :in_time }",
    ),
  },
  "a trapped SIGINT": {
    source: lines(
      'trap("INT") { puts "INT trapped" }',
      'Process.kill("INT", $$)',
      "sleep 0.1",
      'trap("INT", "DEFAULT")',
      'Process.kill("INT", $$)',
      "sleep 1",
    ),
  },
  "IO.select with a timeout and a pipe": {
    source: lines(
      "r, w = IO.pipe",
      "p IO.select([r], nil, nil, 0.01)",
      'w.write("x")',
      "p IO.select([r], nil, nil, 1)&.first&.size",
    ),
  },
  "a Ractor": {
    source: lines(
      "Warning[:experimental] = false",
      "r = Ractor.new { Ractor.receive * 2 }",
      "r.send(21)",
      "p r.take, Ractor.current == Ractor.main",
    ),
  },
  "the file size limit (RLIMIT_FSIZE)": {
    source: lines(
      '$stdout.sync = true; puts "writing"',
      'File.write("big", "x" * 8192)',
      'puts "never"',
    ),
    limits: { fileSizeBytes: 4096 },
  },
  "the CPU limit (RLIMIT_CPU backstop and the cgroup)": {
    source: lines('$stdout.sync = true; puts "spinning"', "loop {}"),
    limits: { cpuMs: 300, timeMs: 5000 },
  },
};
