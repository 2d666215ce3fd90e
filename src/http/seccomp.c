/*
 * seccomp.c - the server's system calls, as an allowlist (libseccomp) on
 * every thread. See sandbox.h.
 *
 * A call outside the list is not made: the kernel raises SIGSYS, whose
 * handler writes one line to standard error ("inbeeld: sandbox:
 * systeemaanroep execve geweigerd") and lets the call fail with EPERM, so
 * the server answers the request with an error instead of dying. clone3
 * fails with ENOSYS, which makes the C library create its threads with
 * clone, whose flags the filter can see: threads only (CLONE_THREAD), no
 * new processes.
 */
#define _GNU_SOURCE /* REG_RAX of ucontext_t and si_syscall: Linux's, not POSIX's */
#include "sandbox.h"

#include <errno.h>
#include <sched.h>
#include <seccomp.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <ucontext.h>
#include <unistd.h>
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#else
#define RUNNING_ON_VALGRIND 0
#endif

/* What the server does after start-up, grouped by who needs it. */
static const char *const ALLOWED[] = {
	/* files: the registry (SQLite), uploads, exports, static files */
	"read", "write", "readv", "writev", "pread64", "pwrite64", "preadv", "pwritev", "lseek", "close", "fstat",
	"newfstatat", "stat", "lstat", "statx", "fstatfs", "statfs", "openat", "open", "access", "faccessat",
	"faccessat2", "fcntl", "ioctl", "dup", "dup2", "dup3", "unlink", "unlinkat", "mkdir", "mkdirat", "rmdir",
	"rename", "renameat", "renameat2", "getdents64", "fsync", "fdatasync", "ftruncate", "fallocate", "fchmod",
	"getcwd", "readlink", "readlinkat", "umask", "flock",
	"fchown", /* SQLite run by root gives a new journal the database's owner */
	/* memory and threads */
	"mmap", "munmap", "mprotect", "mremap", "madvise", "brk", "msync", "mlock", "munlock", "futex",
	"set_robust_list", "get_robust_list", "rseq", "set_tid_address", "exit", "exit_group", "sched_yield",
	"sched_getaffinity", "getrlimit", "prlimit64", "sysinfo", "uname", "membarrier",
	/* signals: the graceful stop, and this filter's own SIGSYS */
	"rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "rt_sigtimedwait", "sigaltstack", "tgkill", "getpid",
	"gettid", "getppid", "getuid", "geteuid", "getgid", "getegid",
	/* time and randomness */
	"clock_gettime", "clock_getres", "clock_nanosleep", "nanosleep", "gettimeofday", "time", "getrandom",
	/* the connections on the socket bound before (libmicrohttpd, epoll) */
	"epoll_create1", "epoll_ctl", "epoll_wait", "epoll_pwait", "epoll_pwait2", "poll", "ppoll", "select",
	"pselect6", "eventfd2", "pipe2", "accept", "accept4", "recvfrom", "recvmsg", "sendto", "sendmsg", "shutdown",
	"setsockopt", "getsockopt", "getsockname", "getpeername",
};

#ifdef SANDBOX_SANITIZER
/* LeakSanitizer at exit: a thread of its own (clone without CLONE_THREAD)
 * stops the others with ptrace and waits for them. */
static const char *const SANITIZER_ALLOWED[] = {"ptrace", "wait4", "waitid", "kill", "tkill", "prctl", "getdents",
						"sched_getparam", "sched_getscheduler", "process_vm_readv"};
#endif

/* The names of the calls an attack would want, for the log line. */
static const struct {
	int nr;
	const char *name;
} NAMED[] = {
	{SCMP_SYS(execve), "execve"}, {SCMP_SYS(execveat), "execveat"}, {SCMP_SYS(ptrace), "ptrace"},
	{SCMP_SYS(socket), "socket"}, {SCMP_SYS(connect), "connect"},	  {SCMP_SYS(bind), "bind"},
	{SCMP_SYS(clone), "clone"},   {SCMP_SYS(fork), "fork"},		  {SCMP_SYS(vfork), "vfork"},
	{SCMP_SYS(kill), "kill"},     {SCMP_SYS(setuid), "setuid"},	  {SCMP_SYS(mount), "mount"},
};

/* Only async-signal-safe calls: write(2) of a line built by hand. */
static void on_sigsys(int sig, siginfo_t *info, void *context)
{
	(void)sig;
	int saved = errno;
	char line[128] = "inbeeld: sandbox: systeemaanroep ";
	size_t n = strlen(line);
	const char *name = NULL;
	for (size_t i = 0; i < sizeof NAMED / sizeof NAMED[0]; i++)
		if (NAMED[i].nr == info->si_syscall)
			name = NAMED[i].name;
	if (name) {
		for (; *name && n < sizeof line - 32; name++)
			line[n++] = *name;
	} else {
		char digits[12];
		int k = 0;
		for (unsigned v = (unsigned)info->si_syscall; k == 0 || v; v /= 10)
			digits[k++] = (char)('0' + v % 10);
		line[n++] = '#';
		while (k)
			line[n++] = digits[--k];
	}
	const char tail[] = " geweigerd\n";
	memcpy(line + n, tail, sizeof tail - 1);
	n += sizeof tail - 1;
	ssize_t w = write(STDERR_FILENO, line, n);
	(void)w; /* nothing to be done about a log that cannot be written */
	/* The call was not made; its result is -EPERM. */
	ucontext_t *uc = context;
#if defined(__x86_64__)
	uc->uc_mcontext.gregs[REG_RAX] = -EPERM;
#elif defined(__aarch64__)
	uc->uc_mcontext.regs[0] = (unsigned long long)-EPERM;
#else
#error "seccomp.c: set the result register of a refused call for this architecture"
#endif
	errno = saved;
}

static int add(scmp_filter_ctx ctx, uint32_t action, const char *name, strbuf *err)
{
	int nr = seccomp_syscall_resolve_name(name);
	if (nr == __NR_SCMP_ERROR)
		return 0; /* not a call of this architecture */
	int rc = seccomp_rule_add(ctx, action, nr, 0);
	if (rc != 0)
		sb_printf(err, "sandbox: seccomp-regel voor %s mislukt: %s", name, strerror(-rc));
	return rc;
}

int sandbox_seccomp(const sandbox_net *net, strbuf *err)
{
	/* Valgrind runs the server on a CPU of its own and does not know the
	 * seccomp system call (tests/valgrind.sh): said, and left out there. */
	if (RUNNING_ON_VALGRIND)
		return 0;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_sigsys;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGSYS, &sa, NULL) != 0) {
		sb_printf(err, "sandbox: SIGSYS opvangen mislukt: %s", strerror(errno));
		return -1;
	}
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_TRAP);
	if (!ctx) {
		sb_puts(err, "sandbox: seccomp is niet te starten");
		return -1;
	}
	int rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_TSYNC, 1); /* every thread, at once */
	for (size_t i = 0; !rc && i < sizeof ALLOWED / sizeof ALLOWED[0]; i++)
		rc = add(ctx, SCMP_ACT_ALLOW, ALLOWED[i], err);
#ifdef SANDBOX_SANITIZER
	for (size_t i = 0; !rc && i < sizeof SANITIZER_ALLOWED / sizeof SANITIZER_ALLOWED[0]; i++)
		rc = add(ctx, SCMP_ACT_ALLOW, SANITIZER_ALLOWED[i], err);
	if (!rc)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(clone), 0);
#else
	/* Threads, not processes; a thread names itself (prctl PR_SET_NAME). */
	if (!rc)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(clone), 1,
				      SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, CLONE_THREAD));
	if (!rc)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(prctl), 1, SCMP_A0(SCMP_CMP_EQ, PR_SET_NAME));
	if (!rc)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(prctl), 1, SCMP_A0(SCMP_CMP_EQ, PR_GET_NAME));
#endif
	if (!rc)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0);
	/* The reminders by e-mail (src/mail): a TCP socket (stream) of either
	 * family and its connect, only when an SMTP host is configured; Landlock
	 * allows the one port (sandbox.c). libcurl's own wake-up pair
	 * (socketpair of AF_UNIX) comes with it. A PostgreSQL registry: libpq
	 * opens connections after start-up too (the snapshot's readers, on every
	 * load), over a unix socket (stream) or TCP, as its URI says; Landlock
	 * allows its ports. connect itself cannot be narrowed here (its address
	 * is behind a pointer). */
	/* (The second datum of an EQ comparison is unused; given as 0 so that
	 * every field of the comparison is initialised.) */
	const scmp_datum_t type_mask = 0xf; /* the kernel's SOCK_TYPE_MASK: without SOCK_CLOEXEC, SOCK_NONBLOCK */
	bool tcp = net->smtp || net->db_tcp;
	if (!rc && tcp)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(socket), 2, SCMP_A0(SCMP_CMP_EQ, AF_INET, 0),
				      SCMP_A1(SCMP_CMP_MASKED_EQ, type_mask, SOCK_STREAM));
	if (!rc && tcp)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(socket), 2, SCMP_A0(SCMP_CMP_EQ, AF_INET6, 0),
				      SCMP_A1(SCMP_CMP_MASKED_EQ, type_mask, SOCK_STREAM));
	if (!rc && net->db_unix)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(socket), 2, SCMP_A0(SCMP_CMP_EQ, AF_UNIX, 0),
				      SCMP_A1(SCMP_CMP_MASKED_EQ, type_mask, SOCK_STREAM));
	if (!rc && net->smtp)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(socketpair), 1, SCMP_A0(SCMP_CMP_EQ, AF_UNIX, 0));
	if (!rc && (tcp || net->db_unix))
		rc = add(ctx, SCMP_ACT_ALLOW, "connect", err);
	if (!rc && (rc = seccomp_load(ctx)) != 0)
		sb_printf(err, "sandbox: seccomp aanzetten mislukt: %s", strerror(-rc));
	else if (rc && !err->len)
		sb_printf(err, "sandbox: seccomp-regels mislukt: %s", strerror(-rc));
	seccomp_release(ctx);
	return rc ? -1 : 1;
}
