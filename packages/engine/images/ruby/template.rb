#!/usr/bin/ruby
# The Ruby template ("zygote", docs/templates.md): CRuby started once, as root, with the
# environment of the language's run command (`ruby main.rb`). It never runs user code. For each
# stage the supervisor sends the program's limits, argv, env and four fds; the template clones
# itself with CLONE_PARENT (the program is the supervisor's child, as after fork and exec), and
# the clone becomes the sandbox user and runs the program as a fresh `ruby main.rb` would.
# Anything it can't reproduce exactly, it execs the real command for.
#
# Everything lives in this one constant, removed (with Fiddle) before the program runs; the
# template's top level has no local variable a program could see in TOPLEVEL_BINDING.
module WarmboxTemplate
  # What a fresh run has before its main file runs: the template started the same way.
  STARTUP_FEATURES = $LOADED_FEATURES.dup.freeze
  STARTUP_LOAD_PATH = $LOAD_PATH.dup.freeze
  STARTUP_ENVIRON = ENV.map { |key, value| "#{key}=#{value}".b }.freeze
  RUN_PREFIX = ["ruby"].freeze # the spec's run command before {entry}

  # Ruby's own fds (its signal wakeup eventfds): a fresh start has its own at the same numbers.
  OWN_FDS = Dir.children("/proc/self/fd").map(&:to_i).sort.select do |fd|
    fd > 3 && (File.readlink("/proc/self/fd/#{fd}") rescue "").start_with?("anon_inode:")
  end.freeze

  # By absolute path: no gem is activated (Gem.loaded_specs stays as at startup).
  require "#{RbConfig::CONFIG["archdir"]}/fiddle.so"
  # fiddle.so reports errno to Fiddle.last_error= (fiddle.rb defines it; we load only the .so).
  def Fiddle.last_error=(error)
    @last_error = error
  end

  def Fiddle.last_error
    @last_error
  end

  # The sandbox uid: the supervisor's one argument (decimal), 1000 from a supervisor that passes
  # none. Anything else is refused: the clone must become the uid the supervisor's sweep kills.
  SANDBOX_UID = ARGV.fetch(0, "1000").then do |uid|
    # Only a uid the supervisor itself accepts (1000 to 65533), never root's.
    abort "warmbox template: bad sandbox uid #{uid.inspect}" unless uid.match?(/\A[1-9]\d{3,4}\z/) && Integer(uid, 10) <= 65_533
    Integer(uid, 10)
  end
  SANDBOX_GID = 1000
  CLONE_PARENT = 0x8000
  CLONE_CHILD_SETTID = 0x01000000
  SIGCHLD = 17
  SYS_CLONE = 56 # x86_64
  SYS_CAPSET = 126
  PR_SET_DUMPABLE = 4
  PR_SET_NAME = 15
  PR_CAPBSET_READ = 23
  PR_CAPBSET_DROP = 24
  PR_CAP_AMBIENT = 47
  PR_CAP_AMBIENT_CLEAR_ALL = 4
  MSG_CMSG_CLOEXEC = 0x40000000
  MSG_TRUNC = 0x20
  MSG_CTRUNC = 0x08
  F_DUPFD_CLOEXEC = 1030
  EINTR = 4
  EINVAL = 22
  # glibc x86_64 (2.36, bookworm): offsetof(struct pthread, tid). fork() updates it in the child;
  # a raw clone must too (CLONE_CHILD_SETTID), or raise() and friends would address the template.
  TID_OFFSET = 0x2D0
  # Where a status fd waits while the clone closes everything else: above every fd Ruby opens.
  STATUS_FD = 64

  LIBC = Fiddle::Handle::DEFAULT
  def self.function(name, args, result = Fiddle::TYPE_INT, need_gvl: false)
    Fiddle::Function.new(LIBC[name], args, result, need_gvl: need_gvl)
  end

  INT = Fiddle::TYPE_INT
  LONG = Fiddle::TYPE_LONG
  POINTER = Fiddle::TYPE_VOIDP
  # The GVL stays held across the clone, as in Ruby's own fork.
  SYSCALL = function("syscall", [LONG] * 6, LONG, need_gvl: true)
  PRCTL = function("prctl", [INT, LONG, LONG, LONG, LONG])
  RECVMSG = function("recvmsg", [INT, POINTER, INT], LONG)
  SEND = function("send", [INT, POINTER, LONG, INT], LONG)
  DUP2 = function("dup2", [INT, INT])
  FCNTL = function("fcntl", [INT, INT, INT])
  CLOSE = function("close", [INT])
  MEMSET = function("memset", [POINTER, INT, LONG], POINTER)
  EXECVPE = function("execvpe", [POINTER, POINTER, POINTER])
  PTHREAD_SELF = function("pthread_self", [], POINTER)
  # What Ruby's fork does in the child after its own (exported by libruby): the GVL and the
  # thread list rebuilt around this thread, other threads' records dropped, random reseeded.
  THREAD_ATFORK = function("rb_thread_atfork", [], Fiddle::TYPE_VOID, need_gvl: true)
  # $0 and Process.argv0, as a fresh start sets them (`$0 =` would freeze it and retitle us).
  SET_SCRIPT_NAME = function("ruby_set_script_name", [Fiddle::TYPE_UINTPTR_T], Fiddle::TYPE_VOID, need_gvl: true)

  TID_ADDRESS = PTHREAD_SELF.call.to_i + TID_OFFSET
  unless RUBY_PLATFORM.start_with?("x86_64-linux") && Fiddle::Pointer.new(TID_ADDRESS)[0, 4].unpack1("l") == Process.pid
    abort "warmbox template: unsupported platform"
  end
  # Another CRuby is refused (the supervisor then forks and execs): what the clone restores
  # (the signal wakeup fds, the thread records) was checked on this one.
  abort "warmbox template: unsupported CRuby #{RUBY_VERSION}" unless RUBY_VERSION.start_with?("3.1.")
  abort "warmbox template: unexpected fds #{OWN_FDS}" unless OWN_FDS == [4] || OWN_FDS == [4, 5]

  # Ruby's timer for waking blocked threads (a POSIX timer, SIGVTALRM) belongs to the process
  # that made it; Ruby's fork destroys it before forking and makes a new one after, in the child
  # too, and a new one may only be made when the old one is marked dead. The template keeps its
  # own, so the clone marks its copy dead first. Where it is: the timer's sigev_value, which the
  # kernel shows in /proc/self/timers, points to CRuby 3.1's `timer_posix` ({state, owner pid,
  # timer id}); checked here against our pid and the kernel's timer id.
  TIMER = File.read("/proc/self/timers").then do |timers|
    id, address = timers.match(/\AID: (\d+)\nsignal: 26\/([0-9a-f]+)\n/)&.captures
    timer = address && Fiddle::Pointer.new(address.to_i(16))
    abort "warmbox template: unexpected CRuby timer" unless timer && timer[4, 12].unpack("lQ") == [Process.pid, id.to_i]
    timer
  end
  RTIMER_DEAD = 3

  # CRuby 3.1 keeps a thread's kernel id in its rb_thread_t (`tid`, right after the pthread_t
  # `thread_id`), for Thread#native_thread_id; even its own fork leaves the parent's there. The
  # clone writes its own, as a fresh start has it. Checked: the pthread_t there is ours and the
  # tid our pid.
  THREAD_ID_OFFSET = 80
  THREAD = Fiddle::Pointer.new(Fiddle::Pointer.new(Fiddle.dlwrap(Thread.current))[32, 8].unpack1("Q"))
  unless THREAD[THREAD_ID_OFFSET, 12].unpack("Ql") == [PTHREAD_SELF.call.to_i, Process.pid]
    abort "warmbox template: unexpected CRuby thread layout"
  end

  CONTROL = 3
  FCNTL.call(CONTROL, 2, 1) # F_SETFD FD_CLOEXEC: an exec'd program never holds it
  FCNTL.call(CONTROL, 4, FCNTL.call(CONTROL, 3, 0) & ~0o4000) # F_SETFL without O_NONBLOCK: we wait

  # Every request is received into this one buffer and parsed only in the clone: the template
  # never turns a request (a program's arguments) into objects of its own, whose freed memory
  # every later clone would inherit. The buffer is zeroed once the clone has its copy.
  REQUEST_SIZE = 1 << 20
  REQUEST = Fiddle::Pointer.malloc(REQUEST_SIZE)
  ANCILLARY_SIZE = 32 # CMSG_SPACE(4 fds)
  ANCILLARY = Fiddle::Pointer.malloc(ANCILLARY_SIZE)
  IOVEC = Fiddle::Pointer.malloc(16)
  IOVEC[0, 16] = [REQUEST.to_i, REQUEST_SIZE].pack("QQ")
  MSGHDR = Fiddle::Pointer.malloc(56)

  def self.receive
    MSGHDR[0, 56] = [0, 0, IOVEC.to_i, 1, ANCILLARY.to_i, ANCILLARY_SIZE, 0].pack("QQQQQQQ")
    size = RECVMSG.call(CONTROL, MSGHDR, MSG_CMSG_CLOEXEC)
    size = RECVMSG.call(CONTROL, MSGHDR, MSG_CMSG_CLOEXEC) while size.negative? && Fiddle.last_error == EINTR
    exit!(0) if size <= 0 # the supervisor is gone
    length, level, type = ANCILLARY[0, 16].unpack("QlL")
    fds = MSGHDR[40, 8].unpack1("Q") >= 16 && level == 1 && type == 1 ? ANCILLARY[16, length - 16].unpack("l*") : []
    # A request cut short (more than the buffer, more fds than four) is answered 0 (fork and exec).
    complete = MSGHDR[48, 4].unpack1("l").nobits?(MSG_TRUNC | MSG_CTRUNC)
    [size, fds, complete]
  end

  def self.answer(pid)
    SEND.call(CONTROL, [pid].pack("l"), 4, 0)
  end

  # fork(), but the child's parent is ours (the supervisor): 0 in the child, its pid here.
  def self.clone_as_sibling
    SYSCALL.call(SYS_CLONE, CLONE_PARENT | CLONE_CHILD_SETTID | SIGCHLD, 0, 0, TID_ADDRESS, 0)
  end

  # Answers one request. In the template: nil. In the clone: the program to run.
  def self.serve_one
    size, fds, complete = receive
    runnable = complete && fds.size == 4
    pid = runnable ? clone_as_sibling : 0
    return become_program(fds, size) if pid.zero? && runnable

    MEMSET.call(REQUEST, 0, size)
    fds.each { |fd| CLOSE.call(fd) }
    answer([pid, 0].max)
    nil
  end

  def self.serve
    $stdout.flush
    $stderr.flush
    GC.start
    answer(0) # ready
    loop do
      program = serve_one
      return program if program
    end
  end

  # As the supervisor's own child does: a line on stderr, the kind on the status pipe (none once
  # the program counts as started).
  def self.fail_stage(status_fd, kind, what, error)
    message = error.is_a?(SystemCallError) ? error.message.sub(/ - .*\z/m, "") : error.to_s
    $stderr.syswrite("warmbox: #{what}: #{message}\n")
    IO.for_fd(status_fd, autoclose: false).syswrite(kind) if status_fd
    exit!(127)
  end

  def self.prctl(*args)
    result = PRCTL.call(*args, *[0] * (5 - args.size))
    raise SystemCallError.new("prctl", Fiddle.last_error) if result.negative?

    result
  end

  # Root → the sandbox user with no capability in any set (child.c's order).
  def self.drop_privileges(status_fd)
    cap = 0
    while PRCTL.call(PR_CAPBSET_READ, cap, 0, 0, 0) >= 0
      prctl(PR_CAPBSET_DROP, cap)
      cap += 1
    end
    Process.groups = []
    Process::Sys.setgid(SANDBOX_GID)
    Process::Sys.setuid(SANDBOX_UID)
    header = [0x20080522, 0].pack("LL")
    none = "\0" * 24
    raise SystemCallError.new("capset", Fiddle.last_error) if SYSCALL.call(SYS_CAPSET, Fiddle::Pointer[header].to_i, Fiddle::Pointer[none].to_i, 0, 0, 0).nonzero?

    # EINVAL: a kernel without ambient capabilities (gVisor's) has none to clear (child.c)
    if PRCTL.call(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0).nonzero? && Fiddle.last_error != EINVAL
      raise SystemCallError.new("PR_CAP_AMBIENT_CLEAR_ALL", Fiddle.last_error)
    end
  rescue SystemCallError => e
    fail_stage(status_fd, "S", "dropping privileges", e)
  end

  def self.set_limits(status_fd, fsize, cpu_ms)
    infinity = Process::RLIM_INFINITY
    cpu = cpu_ms.positive? ? (cpu_ms + 999) / 1000 + 1 : infinity # a backstop only
    Process.setrlimit(:FSIZE, fsize.positive? ? fsize : infinity)
    Process.setrlimit(:CPU, cpu, cpu_ms.positive? ? cpu + 1 : infinity)
    Process.setrlimit(:CORE, 0, 0)
  rescue SystemCallError => e
    fail_stage(status_fd, "S", "setrlimit", e)
  end

  # In the clone: the limits, argv and environment of the request; the environment is nil when
  # the template can run it as it is (the same command and environment as its own start).
  def self.parse_request(size)
    fields = REQUEST[0, size].split("\0", -1)[0...-1]
    fsize, cpu_ms, argc = fields[0].to_i, fields[1].to_i, fields[2].to_i
    argv = fields[3, argc]
    env = fields[(3 + argc)..]
    script = argv[RUN_PREFIX.size]
    runnable = argv[0, RUN_PREFIX.size] == RUN_PREFIX && script && !script.empty? && !script.start_with?("-") && env == STARTUP_ENVIRON
    [fsize, cpu_ms, argv, runnable ? nil : env]
  end

  # execvpe(3), as the supervisor starts a program (fds 0-2 only: the rest are close-on-exec).
  def self.exec_real(status_fd, argv, env)
    strings = [argv, env].map { |list| list.map { |s| Fiddle::Pointer["#{s}\0"] } }
    arrays = strings.map { |list| Fiddle::Pointer[(list.map(&:to_i) << 0).pack("Q*")] }
    EXECVPE.call(strings[0][0], *arrays)
    fail_stage(status_fd, "E", "exec #{argv[0]}", SystemCallError.new(nil, Fiddle.last_error))
  end

  # In the clone: the supervisor's child.c, then the interpreter state of a fresh start (or an
  # exec of the real command when the template can't reproduce one).
  def self.become_program(fds, size)
    fds[0, 3].each_with_index { |fd, target| DUP2.call(fd, target) }
    status_fd = FCNTL.call(fds[3], F_DUPFD_CLOEXEC, STATUS_FD)
    fsize, cpu_ms, argv, exec_env = parse_request(size)
    Process.setsid
    PRCTL.call(PR_SET_NAME, Fiddle::Pointer["ruby\0"].to_i, 0, 0, 0) # comm, as exec sets it
    begin
      File.write("/proc/self/oom_score_adj", "1000")
    rescue SystemCallError => e
      fail_stage(status_fd, "S", "oom_score_adj", e)
    end
    drop_privileges(status_fd)
    # The uid switch made us non-dumpable (/proc/<pid> owned by root); an exec makes a
    # process dumpable again.
    PRCTL.call(PR_SET_DUMPABLE, 1, 0, 0, 0)
    set_limits(status_fd, fsize, cpu_ms)
    begin
      Dir.chdir("/box")
    rescue SystemCallError => e
      fail_stage(status_fd, "E", "chdir /box", e)
    end
    File.umask(0o022)
    exec_real(status_fd, argv, exec_env) if exec_env
    script = argv[RUN_PREFIX.size].force_encoding(Encoding.default_external)
    # Every fd above 2 closed but Ruby's own wakeup fds, which it replaces below.
    Dir.children("/proc/self/fd").map(&:to_i).each do |fd|
      CLOSE.call(fd) unless fd < 3 || fd == status_fd || OWN_FDS.include?(fd)
    end
    # Started, as a fresh start is at its exec: from here the supervisor reads the output and
    # keeps the time, through the compile too (its warnings may fill a pipe; it may be slow).
    CLOSE.call(status_fd)
    program, source = compile_main(script, argv)
    reset_signal_wakeup
    restore_startup_state(script, argv)
    THREAD_ATFORK.call
    THREAD[THREAD_ID_OFFSET + 8, 4] = [Process.pid].pack("l")
    define_data(script, source)
    Object.send(:remove_const, :Fiddle)
    Object.send(:remove_const, :WarmboxTemplate)
    program
  end

  # Ruby's signal wakeup fds and timer belong to the process that made them; its fork makes new
  # ones in the child (after_exec(), not exported). A failed exec runs the same code: it sees
  # another pid, closes the template's fds and opens the child's own.
  def self.reset_signal_wakeup
    TIMER[0, 4] = [RTIMER_DEAD].pack("l")
    Process.exec("/nonexistent/warmbox-template-reset")
  rescue Errno::ENOENT
    nil
  end

  # The script's instructions, as `ruby main.rb` compiles a plain source file; a script it
  # can't compile or read, or one whose #! line gives ruby options, runs by exec of the real
  # command (which reports the error itself).
  def self.compile_main(script, argv)
    source = File.binread(script)
    first_line = source[/\A[^\n]*/]
    exec_real(nil, argv, STARTUP_ENVIRON) if first_line.start_with?("#!") && first_line.match?(/ruby.*\s-/)
    [RubyVM::InstructionSequence.compile_file(script), source]
  rescue ScriptError, StandardError
    exec_real(nil, argv, STARTUP_ENVIRON)
  end

  def self.restore_startup_state(script, argv)
    $LOADED_FEATURES.replace(STARTUP_FEATURES)
    $LOAD_PATH.replace(STARTUP_LOAD_PATH)
    ARGV.replace(argv[(RUN_PREFIX.size + 1)..].map { |arg| arg.dup.force_encoding(Encoding.default_external).freeze })
    SET_SCRIPT_NAME.call(Fiddle.dlwrap(script))
  end

  # A main file's DATA: the script opened, after its __END__ line.
  def self.define_data(script, source)
    index = source.index(/^__END__\r?\n/) || source.index(/^__END__\z/) || return
    data = File.open(script)
    offset = source.index("\n", index)&.+(1) || source.bytesize
    data.seek(offset)
    data.lineno = source[0, offset].count("\n")
    Object.const_set(:DATA, data)
  end
end

# The clone goes on from here (the template never leaves WarmboxTemplate.serve): the program
# runs at the top level; an uncaught exception is reported as Ruby reports it, without this
# file's frames.
begin
  WarmboxTemplate.serve.eval
rescue Exception # rubocop:disable Lint/RescueException
  [$!].tap { |errors| errors << errors.last.cause while errors.last.cause && errors.size < 64 }.each do |error|
    trace = error.backtrace
    locations = error.backtrace_locations
    next unless trace && locations && trace.size == locations.size

    while locations.last&.absolute_path == __FILE__
      locations.pop
      trace.pop
    end
    error.set_backtrace(trace)
  end
  raise
end
