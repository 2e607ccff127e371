/* Running one stage: RUN in, STDOUT/STDERR out while it runs, EXIT at the end. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "cgroup.h"
#include "child.h"
#include "exit_watch.h"
#include "fatal.h"
#include "fs_identity.h"
#include "frame.h"
#include "sandbox.h"
#include "scheduling.h"
#include "stage.h"
#include "template.h"

#define CPU_CHECK_NS 10000000ull /* check the cgroup's CPU usage at most this often */

/* The stage's output pipes. */
enum output_pipe { STDOUT_PIPE, STDERR_PIPE, OUTPUT_PIPES };

/* The slots of the descriptors a running stage polls. */
enum poll_slot { POLL_FRAMES, POLL_STDOUT, POLL_STDERR, POLL_STDIN, POLL_EXIT, POLL_SLOTS };

struct stage {
	/* RUN */
	struct program program;
	uint32_t time_ms, run_flags;
	uint64_t out_cap;
	/* the measure: the counters and the clock at the start, the limits as deadlines */
	uint64_t oom0, cpu0, t0;
	uint64_t wall_end, cpu_limit, next_cpu;
	long ncpu;
	/* while it runs */
	pid_t pid;
	int pidfd, in_w, out_r[OUTPUT_PIPES];
	uint64_t sent[OUTPUT_PIPES];
	uint32_t flags;   /* EXIT flags */
	int stopping;     /* we killed it: limits are no longer checked */
	int stdin_end;    /* close stdin once `in` is written */
	struct buf in;    /* stdin not yet written to the pipe */
	/* the end of the main process */
	uint64_t t_end;
	int status;
	struct rusage ru;
};

/* ---- output, stdin and frames while the stage runs ---- */

static void stop(struct stage *s, enum exit_flag flag)
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
static void forward(struct stage *s, enum output_pipe out, const char *data, size_t n)
{
	uint64_t room = s->out_cap ? s->out_cap - s->sent[out] : UINT64_MAX;
	if (n > room) {
		n = room;
		stop(s, EXIT_OUTPUT_LIMIT);
	}
	if (n) {
		s->sent[out] += n;
		frame_send(out == STDERR_PIPE ? FRAME_STDERR : FRAME_STDOUT, data, n);
	}
}

/* Reads one chunk of stdout or stderr, closing it at EOF; 0 when nothing is there now. */
static int pump(struct stage *s, enum output_pipe out)
{
	static char chunk[CHUNK];
	ssize_t n = read(s->out_r[out], chunk, sizeof chunk);
	if (n > 0) {
		forward(s, out, chunk, n);
		return 1;
	}
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return 0;
	close(s->out_r[out]);
	s->out_r[out] = -1;
	return 0;
}

static void on_frame(struct stage *s, struct stdin_state *in, uint8_t type, const uint8_t *p, size_t n)
{
	int streaming = (s->run_flags & RUN_STDIN_STREAMED) && !s->stdin_end;
	switch (type) {
	case FRAME_STDIN:
		if (streaming)
			buf_append(&s->in, p, n);
		else if (!in->discard)
			buf_append(&in->next, p, n);
		break;
	case FRAME_STDIN_END:
		if (streaming)
			s->stdin_end = 1;
		else
			in->discard = 0;
		break;
	case FRAME_KILL:
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

/* Parses RUN into `s`. */
static void parse_run(struct stage *s, const uint8_t *p, size_t len)
{
	if (len < 32)
		fatal("RUN too short");
	s->time_ms = get_u32(p);
	s->program.cpu_ms = get_u32(p + 4);
	s->out_cap = get_u64(p + 8);
	s->program.fsize = get_u64(p + 16);
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
	s->program.argv = vec;
	s->program.envp = vec + argc + 1;
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
}

/* Starts the child (by the template when RUN asks and it can); returns 0 when the program
 * started, else its child_failure. */
static int spawn(struct stage *s)
{
	int pin[2], pout[2], perr[2], pstat[2];
	/* The program's pipes are the sandbox user's (a pipe belongs to the fsuid that made it), as
	 * a shell's would be: programs open them again by name (/dev/stdin, /dev/stdout,
	 * /proc/self/fd/N), which the kernel checks against the owner. And their pages are charged
	 * to the real uid that made them: the sandbox uid's, so a program growing them
	 * (F_SETPIPE_SZ) spends its own container's budget, never root's, which every supervisor
	 * of the host shares. No process of the job lives now to signal us meanwhile. The status
	 * pipe stays root's. */
	if (setresuid(sandbox_uid, -1, -1))
		fatal("setresuid: %s", strerror(errno));
	fs_become_sandbox_user();
	int failed = pipe2(pin, O_CLOEXEC) || pipe2(pout, O_CLOEXEC) || pipe2(perr, O_CLOEXEC);
	int pipe_errno = errno; /* the switch back to root's ids may set errno */
	fs_become_root();
	if (setresuid(0, -1, -1))
		fatal("setresuid back to root: %s", strerror(errno));
	if (failed)
		fatal("pipe: %s", strerror(pipe_errno));
	if (pipe2(pstat, O_CLOEXEC))
		fatal("pipe: %s", strerror(errno));
	s->pid = -1;
	if (s->run_flags & RUN_TEMPLATE)
		s->pid = template_fork(&s->program, (int[4]){pin[0], pout[1], perr[1], pstat[1]});
	if (s->pid < 0)
		s->pid = fork();
	if (s->pid < 0)
		fatal("fork: %s", strerror(errno));
	if (s->pid == 0)
		child_exec(&s->program, (int[3]){pin[0], pout[1], perr[1]}, pstat[1]);
	close(pin[0]);
	close(pout[1]);
	close(perr[1]);
	close(pstat[1]);
	s->in_w = pin[1];
	s->out_r[STDOUT_PIPE] = pout[0];
	s->out_r[STDERR_PIPE] = perr[0];
	/* Only our ends are non-blocking: the program gets ordinary pipes. */
	fcntl(s->in_w, F_SETFL, O_NONBLOCK);
	fcntl(s->out_r[STDOUT_PIPE], F_SETFL, O_NONBLOCK);
	fcntl(s->out_r[STDERR_PIPE], F_SETFL, O_NONBLOCK);
	s->pidfd = exit_watch_open(s->pid);
	/* EOF here (CLOEXEC) means the exec succeeded. */
	char kind = 0;
	while (read(pstat[0], &kind, 1) < 0 && errno == EINTR)
		;
	close(pstat[0]);
	return kind;
}

/* ---- the phases of a stage ---- */

/* Takes RUN, and the stdin that came before it. */
static void take_run(struct stage *s, const uint8_t *payload, size_t len, struct stdin_state *in)
{
	*s = (struct stage){.in = in->next};
	parse_run(s, payload, len);
	in->next = (struct buf){0};
	in->discard = 0;
	s->stdin_end = !(s->run_flags & RUN_STDIN_STREAMED);
}

/* Reads the counters the stage is measured against, and sets its limits as deadlines. */
static void start_measuring(struct stage *s)
{
	s->oom0 = cg_oom_kills();
	s->cpu0 = cg_cpu_ns();
	s->t0 = now_ns();
	s->wall_end = s->time_ms ? s->t0 + s->time_ms * 1000000ull : UINT64_MAX;
	s->cpu_limit = s->program.cpu_ms * 1000000ull;
	s->next_cpu = s->cpu0 && s->cpu_limit ? s->t0 + CPU_CHECK_NS : UINT64_MAX;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	s->ncpu = ncpu > 0 ? ncpu : 1;
}

/* Starts the program and hands it the frames that came with RUN; a setup failure is an ERROR. */
static void start(struct stage *s, struct stdin_state *in)
{
	sched_restore(); /* the program inherits the supervisor's scheduling: the one it started with */
	int failure = spawn(s);
	if (failure == SETUP_FAILED) {
		char why[256] = "";
		ssize_t n = read(s->out_r[STDERR_PIPE], why, sizeof why - 1);
		why[n > 0 ? n - 1 : 0] = 0;
		fatal("cannot start the stage: %s", why);
	}
	if (failure == EXEC_FAILED)
		s->flags |= EXIT_EXEC_FAILED;
	handle_frames(s, in);
}

/* The time until the next limit check is due; NULL (none) while the stage is being stopped. */
static struct timespec *until_next_check(const struct stage *s, struct timespec *ts)
{
	uint64_t wake = s->wall_end < s->next_cpu ? s->wall_end : s->next_cpu;
	if (s->stopping || wake == UINT64_MAX)
		return NULL;
	uint64_t now = now_ns(), d = wake > now ? wake - now : 0;
	*ts = (struct timespec){d / 1000000000u, d % 1000000000u};
	return ts;
}

/* Waits for a frame, output, room in the stdin pipe, the main process's exit, or a check. */
static void wait_for_events(const struct stage *s, struct pollfd pf[POLL_SLOTS])
{
	pf[POLL_FRAMES] = (struct pollfd){.fd = 0, .events = POLLIN};
	pf[POLL_STDOUT] = (struct pollfd){.fd = s->out_r[STDOUT_PIPE], .events = POLLIN};
	pf[POLL_STDERR] = (struct pollfd){.fd = s->out_r[STDERR_PIPE], .events = POLLIN};
	pf[POLL_STDIN] = (struct pollfd){.fd = s->in.off < s->in.len ? s->in_w : -1, .events = POLLOUT};
	pf[POLL_EXIT] = (struct pollfd){.fd = s->pidfd, .events = POLLIN};
	struct timespec ts;
	if (ppoll(pf, POLL_SLOTS, until_next_check(s, &ts), NULL) < 0 && errno != EINTR)
		fatal("poll: %s", strerror(errno));
}

/* Reaps the main process, whose exit ends the stage. */
static void reap(struct stage *s)
{
	s->t_end = now_ns();
	/* A tracer of the main process would keep its exit from us as long as it lives. */
	sandbox_kill_all();
	while (wait4(s->pid, &s->status, 0, &s->ru) < 0)
		if (errno != EINTR)
			fatal("wait4: %s", strerror(errno));
}

/* Stops the stage past its wall-clock or CPU limit. */
static void check_limits(struct stage *s)
{
	uint64_t now = now_ns();
	if (now >= s->wall_end) {
		stop(s, EXIT_WALL_TIMEOUT);
	} else if (now >= s->next_cpu) {
		uint64_t used = cg_cpu_ns() - s->cpu0;
		if (used >= s->cpu_limit) {
			stop(s, EXIT_CPU_TIMEOUT);
		} else { /* the stage can't use more than ncpu ns of CPU per ns */
			uint64_t wait = (s->cpu_limit - used) / s->ncpu;
			s->next_cpu = now + (wait > CPU_CHECK_NS ? wait : CPU_CHECK_NS);
		}
	}
}

/* Runs the stage until its main process exits: frames in, output out, stdin fed, limits kept. */
static void supervise(struct stage *s, struct stdin_state *in)
{
	for (;;) {
		struct pollfd pf[POLL_SLOTS];
		wait_for_events(s, pf);
		if (pf[POLL_STDOUT].revents)
			pump(s, STDOUT_PIPE);
		if (pf[POLL_STDERR].revents)
			pump(s, STDERR_PIPE);
		if (pf[POLL_STDIN].revents)
			flush_stdin(s);
		if (pf[POLL_FRAMES].revents) {
			if (!frame_fill())
				quit(0); /* the engine is gone */
			handle_frames(s, in);
		}
		if (pf[POLL_EXIT].revents && exit_watch_exited(s->pidfd, s->pid)) {
			reap(s);
			return;
		}
		if (!s->stopping)
			check_limits(s);
	}
}

/* Background processes would hold the pipes open: kills them, then sends the output left. */
static void drain(struct stage *s)
{
	sandbox_sweep(0);
	for (enum output_pipe out = STDOUT_PIPE; out < OUTPUT_PIPES; out++)
		while (s->out_r[out] >= 0 && pump(s, out))
			;
}

/* The stage's CPU time: the cgroup's delta when it can be read, else the main process's rusage. */
static uint64_t cpu_used_ns(const struct stage *s)
{
	if (s->cpu0)
		return cg_cpu_ns() - s->cpu0;
	const struct rusage *ru = &s->ru;
	return (uint64_t)(ru->ru_utime.tv_sec + ru->ru_stime.tv_sec) * 1000000000u +
	       (uint64_t)(ru->ru_utime.tv_usec + ru->ru_stime.tv_usec) * 1000u;
}

/* EXIT: how the main process ended, what the stage used, and the flags. */
static void report_exit(struct stage *s)
{
	uint64_t cpu_ns = cpu_used_ns(s);
	if (cg_oom_kills() > s->oom0)
		s->flags |= EXIT_OUT_OF_MEMORY;
	int32_t code = -1, sig = 0;
	if (WIFEXITED(s->status))
		code = WEXITSTATUS(s->status);
	else
		sig = WTERMSIG(s->status);
	/* The RLIMIT_CPU backstop's signal, when the CPU time shows it fired: a program may raise it itself. */
	if (sig == SIGXCPU && s->cpu_limit && cpu_ns >= s->cpu_limit)
		s->flags |= EXIT_CPU_TIMEOUT;

	uint8_t exit[28];
	put_u32(exit, code);
	put_u32(exit + 4, sig);
	put_u32(exit + 8, (s->t_end - s->t0) / 1000000u);
	put_u32(exit + 12, cpu_ns / 1000000u);
	put_u64(exit + 16, (uint64_t)s->ru.ru_maxrss * 1024);
	put_u32(exit + 24, s->flags);
	frame_send(FRAME_EXIT, exit, sizeof exit);
}

/* Closes and frees what the stage held. */
static void release(struct stage *s, struct stdin_state *in)
{
	if ((s->run_flags & RUN_STDIN_STREAMED) && !s->stdin_end)
		in->discard = 1; /* the engine's STDIN_END for this stage is still to come */
	for (enum output_pipe out = STDOUT_PIPE; out < OUTPUT_PIPES; out++)
		if (s->out_r[out] >= 0)
			close(s->out_r[out]);
	if (s->in_w >= 0)
		close(s->in_w);
	exit_watch_close(s->pidfd);
	buf_free(&s->in);
	free(s->program.argv); /* its strings included */
}

void stage_run(const uint8_t *payload, size_t len, struct stdin_state *in)
{
	struct stage s;
	take_run(&s, payload, len, in);
	if (s.run_flags & RUN_TEMPLATE)
		template_prepare(s.program.envp); /* when it can't, the stage forks and execs */
	start_measuring(&s);
	start(&s, in);
	supervise(&s, in);
	drain(&s);
	report_exit(&s);
	release(&s, in);
}
