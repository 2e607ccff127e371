# Acts on its template and on the supervisor with each attempt of the JSON list on stdin
# ([label, op, ...args]; see templates/template-reach.test.ts) and prints "template <pid>", then
# "<target> <label> <errno number, or done>" for every attempt on each target.
require "fiddle"
require "json"

SYSCALL = Fiddle::Function.new(Fiddle::Handle::DEFAULT["syscall"], [Fiddle::TYPE_LONG] * 7, Fiddle::TYPE_LONG)
KEPT = []

def sys(number, *args)
  result = SYSCALL.call(number, *args, *[0] * (6 - args.size))
  result == -1 ? -Fiddle.last_error : result
end

# The address of a buffer holding `bytes` (kept alive to the end).
def memory(bytes)
  pointer = Fiddle::Pointer.malloc([bytes.bytesize, 1].max)
  pointer[0, bytes.bytesize] = bytes unless bytes.empty?
  KEPT << pointer
  pointer.to_i
end

def template_pid
  Dir.children("/proc").grep(/\A\d+\z/).map(&:to_i).find do |pid|
    next false if pid == Process.pid
    (File.binread("/proc/#{pid}/cmdline").split("\0")[1] == "/usr/local/lib/warmbox/template" &&
      File.read("/proc/#{pid}/status").include?("\nUid:\t0\t")) rescue false
  end
end

def value(arg, target, pidfd)
  case arg
  when "target" then target
  when "self" then Process.pid
  when "pidfd" then pidfd
  when "group" then -sys(121, target) # -getpgid(target)
  when Hash then memory(arg.key?("hex") ? [arg["hex"]].pack("H*") : "\0" * arg["zeros"])
  else arg
  end
end

def attempt(op, target, pidfd, args)
  return sys(*args.map { |arg| value(arg, target, pidfd) }) if op == "sys"

  path = memory("/proc/#{target}/#{args[0]}\0")
  buffer = memory("\0" * 4096)
  return sys(89, path, buffer, 4096) if op == "readlink"

  flags = { "write" => 1, "read" => 0, "list" => 0o200000 }.fetch(op)
  fd = sys(2, path, flags, 0)
  return fd if fd.negative?
  return sys(1, fd, memory(args[1]), args[1].bytesize) if op == "write"

  sys(op == "list" ? 217 : 0, fd, buffer, 4096) # getdents64 or read
end

attempts = JSON.parse($stdin.read)
targets = { "template" => template_pid, "supervisor" => Process.ppid }
puts "template #{targets["template"]}"
targets.each do |name, target|
  pidfd = sys(434, target, 0) # pidfd_open: anyone may; what it is used for is checked
  attempts.each do |label, op, *args|
    result = attempt(op, target, pidfd, args)
    puts "#{name} #{label} #{result.negative? ? -result : "done"}"
  end
end
