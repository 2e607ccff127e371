/* Running one stage: RUN in, STDOUT/STDERR out while it runs, EXIT at the end. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "supervisor.h"

#define CPU_CHECK_NS 10000000ull /* check the cgroup's CPU usage at most this often */

struct stage {
	/* RUN */
	uint32_t time_ms, cpu_ms, run_flags;
	uint64_t out_cap, fsize;
	char **argv, **envp;
	/* state */
	pid_t pid;
	int pidfd, in_w, out_r[2]; /* out_r: stdout, stderr */
	uint64_t sent[2];
	uint32_t flags;   /* EXIT flags */
	int stopping;     /* we killed it: limits are no longer checked */
	int stdin_end;    /* close stdin once `in` is written */
	struct buf in;    /* stdin not yet written to the pipe */
};

/* ---- the child ---- */

/* Reports why the child couldn't start the program: 'E' exec failed, 'S' setup failed. */
static _Noreturn void child_fail(int status_w, char kind, const char *what)
{
	dprintf(2, "warmbox: %s: %s\n", what, strerror(errno));
	if (write(status_w, &kind, 1) < 0)
		_exit(126);
	_exit(127);
}

/*
 * The program runs with no capability at all: the bounding set is emptied while
 * CAP_SETPCAP is still effective (before setuid), `then_uid` switches to the
 * sandbox user, which clears permitted and effective, and the inheritable and
 * ambient sets are emptied last. 0, or -1 with errno set.
 */
static int drop_all_capabilities(int (*then_uid)(void))
{
	for (int cap = 0; prctl(PR_CAPBSET_READ, cap) >= 0; cap++)
		if (prctl(PR_CAPBSET_DROP, cap))
			return -1;
	if (then_uid())
		return -1;
	struct __user_cap_header_struct header = {_LINUX_CAPABILITY_VERSION_3, 0};
	struct __user_cap_data_struct none[_LINUX_CAPABILITY_U32S_3] = {0};
	if (syscall(SYS_capset, &header, none))
		return -1;
	return prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
}

static int become_sandbox_user(void)
{
	return setgroups(0, NULL) || setgid(SANDBOX_GID) || setuid(SANDBOX_UID) ? -1 : 0;
}

static _Noreturn void child(const struct stage *s, const int fds[3], int status_w)
{
	extern char **environ;
	if (dup2(fds[0], 0) < 0 || dup2(fds[1], 1) < 0 || dup2(fds[2], 2) < 0)
		_exit(126);
	setsid();
	/* Raising it needs no privilege, and only root (before setuid) may write the file. */
	int fd = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
	if (fd < 0 || write(fd, "1000", 4) != 4)
		child_fail(status_w, 'S', "oom_score_adj");
	close(fd);
	if (drop_all_capabilities(become_sandbox_user))
		child_fail(status_w, 'S', "dropping privileges");
	struct rlimit fsize = {RLIM_INFINITY, RLIM_INFINITY}, cpu = fsize, core = {0, 0};
	if (s->fsize)
		fsize.rlim_cur = fsize.rlim_max = s->fsize;
	if (s->cpu_ms) { /* a backstop only: the cgroup CPU check acts first */
		cpu.rlim_cur = (s->cpu_ms + 999) / 1000 + 1;
		cpu.rlim_max = cpu.rlim_cur + 1;
	}
	if (setrlimit(RLIMIT_FSIZE, &fsize) || setrlimit(RLIMIT_CPU, &cpu) || setrlimit(RLIMIT_CORE, &core))
		child_fail(status_w, 'S', "setrlimit");
	if (chdir("/box")) /* an earlier stage of the job may have chmod-ed it */
		child_fail(status_w, 'E', "chdir /box");
	umask(022);
	signal(SIGPIPE, SIG_DFL); /* an ignored signal would stay ignored across exec */
	environ = s->envp;        /* execvp looks argv[0] up in this PATH */
	execvp(s->argv[0], s->argv);
	child_fail(status_w, 'E', s->argv[0]);
}

/* ---- the supervisor's side ---- */

static void stop(struct stage *s, uint32_t flag)
{
	s->flags |= flag;
	if (!s->stopping) {
		s->stopping = 1;
		sandbox_kill_all(); /* the sweep after the stage proves it */
	}
}

/* Writes pending stdin without blocking; a reader that went away just drops it. */
static void flush_stdin(struct stage *s)
{
	while (s->in_w >= 0 && s->in.off < s->in.len) {
		ssize_t n = write(s->in_w, s->in.data + s->in.off, s->in.len - s->in.off);
		if (n > 0)
			s->in.off += n;
		else if (errno == EAGAIN)
			return;
		else if (errno != EINTR)
			break;
	}
	if (s->in_w >= 0 && (s->stdin_end || s->in.off < s->in.len)) {
		close(s->in_w);
		s->in_w = -1;
	}
	if (s->in_w < 0)
		s->in.off = s->in.len = 0;
}

/* Forwards output up to the cap; past it, the stage is stopped. */
static void forward(struct stage *s, int which, const char *data, size_t n)
{
	uint64_t room = s->out_cap ? s->out_cap - s->sent[which] : UINT64_MAX;
	if (n > room) {
		n = room;
		stop(s, EXIT_OUTPUT_LIMIT);
	}
	if (n) {
		s->sent[which] += n;
		frame_send(which ? T_STDERR : T_STDOUT, data, n);
	}
}

/* Reads one chunk of stdout or stderr, closing it at EOF; 0 when nothing is there now. */
static int pump(struct stage *s, int which)
{
	static char chunk[CHUNK];
	ssize_t n = read(s->out_r[which], chunk, sizeof chunk);
	if (n > 0) {
		forward(s, which, chunk, n);
		return 1;
	}
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return 0;
	close(s->out_r[which]);
	s->out_r[which] = -1;
	return 0;
}

static void on_frame(struct stage *s, struct stdin_state *in, uint8_t type, const uint8_t *p, size_t n)
{
	int streaming = (s->run_flags & RUN_STDIN_STREAMED) && !s->stdin_end;
	switch (type) {
	case T_STDIN:
		if (streaming)
			buf_append(&s->in, p, n);
		else if (!in->discard)
			buf_append(&in->next, p, n);
		break;
	case T_STDIN_END:
		if (streaming)
			s->stdin_end = 1;
		else
			in->discard = 0;
		break;
	case T_KILL:
		stop(s, EXIT_KILLED);
		break;
	default:
		fatal("unexpected frame 0x%02x while a stage runs", type);
	}
}

/* Handles the frames already read, then feeds the stage's stdin. */
static void handle_frames(struct stage *s, struct stdin_state *in)
{
	uint8_t type;
	const uint8_t *p;
	size_t n;
	while (frame_next(&type, &p, &n))
		on_frame(s, in, type, p, n);
	flush_stdin(s);
}

/* Parses RUN into `s`; argv and env point into *mem, which the caller frees. */
static void parse_run(struct stage *s, const uint8_t *p, size_t len, void **mem)
{
	if (len < 32)
		fatal("RUN too short");
	s->time_ms = get_u32(p);
	s->cpu_ms = get_u32(p + 4);
	s->out_cap = get_u64(p + 8);
	s->fsize = get_u64(p + 16);
	s->run_flags = get_u32(p + 24);
	unsigned argc = get_u16(p + 28), envc = get_u16(p + 30);
	if (!argc)
		fatal("RUN without argv");
	size_t slen = len - 32;
	char **vec = malloc((argc + envc + 2) * sizeof *vec + slen);
	if (!vec)
		fatal("out of memory");
	char *str = (char *)(vec + argc + envc + 2), *end = str + slen;
	memcpy(str, p + 32, slen);
	s->argv = vec;
	s->envp = vec + argc + 1;
	for (unsigned i = 0; i < argc + envc; i++) {
		char *nul = memchr(str, 0, end - str);
		if (!nul)
			fatal("RUN: %u strings announced, fewer given", argc + envc);
		vec[i < argc ? i : i + 1] = str;
		str = nul + 1;
	}
	if (str != end)
		fatal("RUN: trailing bytes after the strings");
	vec[argc] = vec[argc + envc + 1] = NULL;
	*mem = vec;
}

/* Starts the child; returns 0, or 'E'/'S' from child_fail. */
static int spawn(struct stage *s)
{
	int pin[2], pout[2], perr[2], pstat[2];
	if (pipe2(pin, O_CLOEXEC) || pipe2(pout, O_CLOEXEC) || pipe2(perr, O_CLOEXEC) || pipe2(pstat, O_CLOEXEC))
		fatal("pipe: %s", strerror(errno));
	s->pid = fork();
	if (s->pid < 0)
		fatal("fork: %s", strerror(errno));
	if (s->pid == 0)
		child(s, (int[3]){pin[0], pout[1], perr[1]}, pstat[1]);
	close(pin[0]);
	close(pout[1]);
	close(perr[1]);
	close(pstat[1]);
	s->in_w = pin[1];
	s->out_r[0] = pout[0];
	s->out_r[1] = perr[0];
	/* Only our ends are non-blocking: the program gets ordinary pipes. */
	fcntl(s->in_w, F_SETFL, O_NONBLOCK);
	fcntl(s->out_r[0], F_SETFL, O_NONBLOCK);
	fcntl(s->out_r[1], F_SETFL, O_NONBLOCK);
	s->pidfd = syscall(SYS_pidfd_open, s->pid, 0);
	if (s->pidfd < 0)
		fatal("pidfd_open: %s", strerror(errno));
	/* EOF here (CLOEXEC) means the exec succeeded. */
	char kind = 0;
	while (read(pstat[0], &kind, 1) < 0 && errno == EINTR)
		;
	close(pstat[0]);
	return kind;
}

void stage_run(const uint8_t *payload, size_t len, struct stdin_state *in)
{
	struct stage s = {.in = in->next};
	void *mem;
	parse_run(&s, payload, len, &mem);
	in->next = (struct buf){0};
	in->discard = 0;
	s.stdin_end = !(s.run_flags & RUN_STDIN_STREAMED);

	uint64_t oom0 = cg_oom_kills(), cpu0 = cg_cpu_ns(), t0 = now_ns();
	uint64_t wall_end = s.time_ms ? t0 + s.time_ms * 1000000ull : UINT64_MAX;
	uint64_t cpu_limit = s.cpu_ms * 1000000ull, next_cpu = cpu0 && cpu_limit ? t0 + CPU_CHECK_NS : UINT64_MAX;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	ncpu = ncpu > 0 ? ncpu : 1;

	sched_restore(); /* the program inherits the supervisor's scheduling: the one it started with */
	int kind = spawn(&s);
	if (kind == 'S') {
		char why[256] = "";
		ssize_t n = read(s.out_r[1], why, sizeof why - 1);
		why[n > 0 ? n - 1 : 0] = 0;
		fatal("cannot start the stage: %s", why);
	}
	if (kind == 'E')
		s.flags |= EXIT_EXEC_FAILED;
	handle_frames(&s, in); /* frames that came in with RUN */

	int status = 0;
	struct rusage ru = {0};
	uint64_t t_end = t0;
	for (;;) {
		struct pollfd pf[5] = {
			{.fd = 0, .events = POLLIN},
			{.fd = s.out_r[0], .events = POLLIN},
			{.fd = s.out_r[1], .events = POLLIN},
			{.fd = s.in.off < s.in.len ? s.in_w : -1, .events = POLLOUT},
			{.fd = s.pidfd, .events = POLLIN},
		};
		uint64_t now = now_ns(), wake = s.stopping ? UINT64_MAX : (wall_end < next_cpu ? wall_end : next_cpu);
		struct timespec ts, *tsp = NULL;
		if (wake != UINT64_MAX) {
			uint64_t d = wake > now ? wake - now : 0;
			ts = (struct timespec){d / 1000000000u, d % 1000000000u};
			tsp = &ts;
		}
		if (ppoll(pf, 5, tsp, NULL) < 0 && errno != EINTR)
			fatal("poll: %s", strerror(errno));
		if (pf[1].revents)
			pump(&s, 0);
		if (pf[2].revents)
			pump(&s, 1);
		if (pf[3].revents)
			flush_stdin(&s);
		if (pf[0].revents) {
			if (!frame_fill())
				quit(0); /* the engine is gone */
			handle_frames(&s, in);
		}
		if (pf[4].revents) {
			t_end = now_ns();
			/* A tracer of the main process would keep its exit from us as long as it lives. */
			sandbox_kill_all();
			while (wait4(s.pid, &status, 0, &ru) < 0)
				if (errno != EINTR)
					fatal("wait4: %s", strerror(errno));
			break;
		}
		if (s.stopping)
			continue;
		now = now_ns();
		if (now >= wall_end) {
			stop(&s, EXIT_WALL_TIMEOUT);
		} else if (now >= next_cpu) {
			uint64_t used = cg_cpu_ns() - cpu0;
			if (used >= cpu_limit) {
				stop(&s, EXIT_CPU_TIMEOUT);
			} else { /* the stage can't use more than ncpu ns of CPU per ns */
				uint64_t wait = (cpu_limit - used) / ncpu;
				next_cpu = now + (wait > CPU_CHECK_NS ? wait : CPU_CHECK_NS);
			}
		}
	}

	/* Background processes would hold the pipes open: kill them, then drain. */
	sandbox_sweep(0);
	for (int w = 0; w < 2; w++)
		while (s.out_r[w] >= 0 && pump(&s, w))
			;
	uint64_t cpu_ns = cpu0 ? cg_cpu_ns() - cpu0
			       : (uint64_t)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000000u +
				     (uint64_t)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1000u;
	if (cg_oom_kills() > oom0)
		s.flags |= EXIT_OOM;
	int32_t code = -1, sig = 0;
	if (WIFEXITED(status))
		code = WEXITSTATUS(status);
	else
		sig = WTERMSIG(status);
	/* The RLIMIT_CPU backstop's signal, when the CPU time shows it fired: a program may raise it itself. */
	if (sig == SIGXCPU && cpu_limit && cpu_ns >= cpu_limit)
		s.flags |= EXIT_CPU_TIMEOUT;

	uint8_t exit[28];
	put_u32(exit, code);
	put_u32(exit + 4, sig);
	put_u32(exit + 8, (t_end - t0) / 1000000u);
	put_u32(exit + 12, cpu_ns / 1000000u);
	put_u64(exit + 16, (uint64_t)ru.ru_maxrss * 1024);
	put_u32(exit + 24, s.flags);
	frame_send(T_EXIT, exit, sizeof exit);

	if ((s.run_flags & RUN_STDIN_STREAMED) && !s.stdin_end)
		in->discard = 1; /* the engine's STDIN_END for this stage is still to come */
	for (int w = 0; w < 2; w++)
		if (s.out_r[w] >= 0)
			close(s.out_r[w]);
	if (s.in_w >= 0)
		close(s.in_w);
	close(s.pidfd);
	buf_free(&s.in);
	free(mem);
}
