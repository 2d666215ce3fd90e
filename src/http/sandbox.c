/*
 * sandbox.c - dropping root, the private temporary folder, and Landlock.
 * See sandbox.h; the seccomp allowlist is seccomp.c's.
 */
#define _GNU_SOURCE /* setresuid, setresgid, O_PATH: Linux's, not POSIX's */
#include "sandbox.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/landlock.h>
#include <pwd.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* ---- root to the server's user -------------------------------------------- */

int sandbox_drop_privileges(const char *name, strbuf *err)
{
	struct passwd *pw = getpwnam(name);
	if (!pw) {
		sb_printf(err, "gebruiker '%s' (--gebruiker) bestaat niet op dit systeem", name);
		return -1;
	}
	if (pw->pw_uid == 0) {
		sb_printf(err, "--gebruiker %s is root; kies een gebruiker zonder rechten", name);
		return -1;
	}
	if (getuid() != 0 && geteuid() != 0) {
		if (getuid() == pw->pw_uid)
			return 0; /* already that user */
		sb_printf(err, "alleen root kan een andere gebruiker worden (--gebruiker %s)", name);
		return -1;
	}
	gid_t gid = pw->pw_gid;
	uid_t uid = pw->pw_uid;
	if (setgroups(1, &gid) != 0 || setresgid(gid, gid, gid) != 0 || setresuid(uid, uid, uid) != 0) {
		sb_printf(err, "gebruiker %s worden mislukt: %s", name, strerror(errno));
		return -1;
	}
	/* For good: neither the user nor the group of root comes back. */
	if (setuid(0) == 0 || seteuid(0) == 0 || setgid(0) == 0 || getuid() != uid || geteuid() != uid ||
	    getgid() != gid) {
		sb_printf(err, "rechten van root konden niet worden opgegeven");
		return -1;
	}
	return 0;
}

/* ---- the private temporary folder ----------------------------------------- */

/* Remove what lies in the folder at fd (files and folders, depth first). */
static int empty_at(int fd)
{
	DIR *d = fdopendir(fd);
	if (!d) {
		close(fd);
		return -1;
	}
	int rc = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (unlinkat(dirfd(d), e->d_name, 0) == 0)
			continue;
		int sub = openat(dirfd(d), e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (sub < 0 || empty_at(sub) != 0 || unlinkat(dirfd(d), e->d_name, AT_REMOVEDIR) != 0)
			rc = -1;
	}
	closedir(d);
	return rc;
}

int sandbox_tmp_prepare(const char *dir, strbuf *err)
{
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		sb_printf(err, "tijdelijke map %s aanmaken mislukt: %s", dir, strerror(errno));
		return -1;
	}
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0) {
		sb_printf(err, "tijdelijke map %s is niet te openen: %s", dir, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (st.st_uid != geteuid() || (st.st_mode & 077)) {
		sb_printf(err, "tijdelijke map %s is niet privé (eigenaar %u, rechten %03o; verwacht de gebruiker van de server "
			       "en 700)", dir, (unsigned)st.st_uid, (unsigned)(st.st_mode & 0777));
		close(fd);
		return -1;
	}
	if (empty_at(fd) != 0) {
		sb_printf(err, "tijdelijke map %s kon niet worden leeggemaakt", dir);
		return -1;
	}
	return 0;
}

/* ---- Landlock ------------------------------------------------------------- */

/* The ABI's attributes, declared here in full: the system headers may be
 * older than the kernel (Debian 12's know the filesystem rights only). */
struct ll_ruleset_attr {
	uint64_t handled_access_fs, handled_access_net, scoped;
};
struct ll_net_port_attr {
	uint64_t allowed_access, port;
};
enum {
	LL_FS_TRUNCATE = 1 << 14,    /* ABI 3 */
	LL_FS_IOCTL_DEV = 1 << 15,   /* ABI 5 */
	LL_NET_BIND_TCP = 1 << 0,    /* ABI 4 */
	LL_NET_CONNECT_TCP = 1 << 1, /* ABI 4 */
	LL_SCOPE_ABSTRACT_UNIX = 1 << 0, /* ABI 6 */
	LL_SCOPE_SIGNAL = 1 << 1,	 /* ABI 6 */
	LL_RULE_NET_PORT = 2,		 /* ABI 4: LANDLOCK_RULE_NET_PORT */
};

int sandbox_landlock_abi(void)
{
	long abi = syscall(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
	return abi > 0 ? (int)abi : 0;
}

/* Every filesystem right of the ABI: what is not granted below is denied. */
static uint64_t fs_rights(int abi)
{
	uint64_t all = (LANDLOCK_ACCESS_FS_MAKE_SYM << 1) - 1; /* ABI 1: EXECUTE .. MAKE_SYM */
	if (abi >= 2)
		all |= LANDLOCK_ACCESS_FS_REFER;
	if (abi >= 3)
		all |= LL_FS_TRUNCATE;
	if (abi >= 5)
		all |= LL_FS_IOCTL_DEV;
	return all;
}

static const uint64_t READ_ONLY = LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR;

static uint64_t read_write(int abi)
{
	uint64_t rw = READ_ONLY | LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_REMOVE_FILE |
		      LANDLOCK_ACCESS_FS_REMOVE_DIR | LANDLOCK_ACCESS_FS_MAKE_REG | LANDLOCK_ACCESS_FS_MAKE_DIR;
	if (abi >= 3)
		rw |= LL_FS_TRUNCATE;
	return rw;
}

/* Allow `access` beneath path (a file: on the file). Missing optional paths
 * are skipped; a missing required one is an error. */
static int allow_path(int ruleset, const char *path, uint64_t access, bool required, strbuf *err)
{
	int fd = open(path, O_PATH | O_CLOEXEC);
	if (fd < 0) {
		if (!required)
			return 0;
		sb_printf(err, "sandbox: %s is niet te openen: %s", path, strerror(errno));
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) == 0 && !S_ISDIR(st.st_mode))
		access &= LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_WRITE_FILE | LL_FS_TRUNCATE;
	struct landlock_path_beneath_attr rule = {.allowed_access = access, .parent_fd = fd};
	long rc = syscall(SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH, &rule, 0);
	int saved = errno;
	close(fd);
	if (rc != 0) {
		sb_printf(err, "sandbox: regel voor %s niet aangenomen: %s", path, strerror(saved));
		return -1;
	}
	return 0;
}

/* Allow a TCP connection to port (ABI 4). */
static int allow_port(int ruleset, int port, strbuf *err)
{
	struct ll_net_port_attr net = {.allowed_access = LL_NET_CONNECT_TCP, .port = (uint64_t)port};
	if (syscall(SYS_landlock_add_rule, ruleset, LL_RULE_NET_PORT, &net, 0) != 0) {
		sb_printf(err, "sandbox: regel voor poort %d niet aangenomen: %s", port, strerror(errno));
		return -1;
	}
	return 0;
}

/* Read-only paths every server needs: the time zone (localtime), and the
 * kernel's randomness for SQLite. */
static const char *const SYSTEM_READ[] = {"/etc/localtime", "/usr/share/zoneinfo", "/dev/urandom"};
static const char *const CA_READ[] = {"/etc/ssl/certs", "/usr/share/ca-certificates", "/usr/local/share/ca-certificates"};

int sandbox_landlock(const sandbox_paths *p, FILE *log, strbuf *err)
{
	int abi = sandbox_landlock_abi();
	if (abi <= 0) {
		fprintf(log, "inbeeld: sandbox: deze kernel heeft geen Landlock (%s); de server draait zonder "
			     "bestandsbeperking (de rest van de sandbox blijft)\n",
			strerror(errno));
		return 0;
	}
	struct ll_ruleset_attr attr = {.handled_access_fs = fs_rights(abi)};
	bool port_rule = false; /* the outgoing connection narrowed to its port */
	size_t size = sizeof attr.handled_access_fs;
	if (abi >= 4) {
		attr.handled_access_net = LL_NET_BIND_TCP | LL_NET_CONNECT_TCP; /* the port is bound already */
		size = offsetof(struct ll_ruleset_attr, scoped);
		port_rule = p->connect_port > 0;
	}
	if (abi >= 6) {
		attr.scoped = LL_SCOPE_ABSTRACT_UNIX | LL_SCOPE_SIGNAL;
		size = sizeof attr;
	}
	int ruleset = (int)syscall(SYS_landlock_create_ruleset, &attr, size, 0);
	if (ruleset < 0) {
		sb_printf(err, "sandbox: Landlock weigert de regels: %s", strerror(errno));
		return -1;
	}
	int rc = p->registry_dir ? allow_path(ruleset, p->registry_dir, read_write(abi), true, err) : 0;
	rc = rc ? rc : allow_path(ruleset, p->tmp_dir, read_write(abi), true, err);
	/* A PostgreSQL registry: what libpq reads while connecting (the
	 * password file, certificates: store_reach.c), and TCP to its ports. */
	for (size_t i = 0; !rc && i < p->n_db_reads; i++)
		rc = allow_path(ruleset, p->db_reads[i], READ_ONLY, false, err);
	for (size_t i = 0; !rc && abi >= 4 && i < p->n_db_ports; i++)
		rc = allow_port(ruleset, p->db_ports[i], err);
	if (!rc && p->static_dir && *p->static_dir)
		rc = allow_path(ruleset, p->static_dir, READ_ONLY, false, err); /* none: no pages' assets */
	for (size_t i = 0; !rc && i < sizeof SYSTEM_READ / sizeof SYSTEM_READ[0]; i++)
		rc = allow_path(ruleset, SYSTEM_READ[i], READ_ONLY, false, err);
	/* The reminders by e-mail: TCP to the SMTP port only, and with STARTTLS
	 * the CA certificates (Debian's bundle and the files it links to). */
	if (!rc && port_rule)
		rc = allow_port(ruleset, p->connect_port, err);
	for (size_t i = 0; !rc && p->connect_tls && i < sizeof CA_READ / sizeof CA_READ[0]; i++)
		rc = allow_path(ruleset, CA_READ[i], READ_ONLY, false, err);
#ifdef SANDBOX_SANITIZER
	/* The sanitizers read /proc/self (maps, task) on a report and at exit. */
	if (!rc)
		rc = allow_path(ruleset, "/proc", READ_ONLY, false, err);
#endif
	if (!rc && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
		sb_printf(err, "sandbox: no_new_privs mislukt: %s", strerror(errno));
		rc = -1;
	}
	if (!rc && syscall(SYS_landlock_restrict_self, ruleset, 0) != 0) {
		sb_printf(err, "sandbox: Landlock aanzetten mislukt: %s", strerror(errno));
		rc = -1;
	}
	close(ruleset);
	if (rc)
		return -1;
	strbuf net = STRBUF_INIT;
	if (p->connect_port)
		sb_printf(&net, port_rule ? "alleen een verbinding naar poort %d (SMTP)"
					 : "verbindingen niet beperkt: deze kernel kent geen netregels (SMTP op poort %d)",
			  p->connect_port);
	for (size_t i = 0; i < p->n_db_ports; i++)
		sb_printf(&net, "%s%s %d (PostgreSQL)", net.len ? ", " : "", i ? "" : abi >= 4 ? "verbinding naar poort"
			: "verbindingen niet beperkt: deze kernel kent geen netregels; poort", p->db_ports[i]);
	for (size_t i = 0; i < p->n_db_sockets; i++)
		sb_printf(&net, "%s%s %s (PostgreSQL)", net.len ? ", " : "", i ? "" : "verbinding via de socket in",
			  p->db_sockets[i]);
	if (!net.len)
		sb_puts(&net, "geen nieuwe poort of verbinding");
	const char *registry = p->registry_dir ? p->registry_dir : "";
	fprintf(log, "inbeeld: sandbox: Landlock (ABI %d) actief: lezen en schrijven in %s%s%s%s%s, %s\n", abi, registry,
		*registry ? " en " : "", p->tmp_dir, p->static_dir && *p->static_dir ? ", lezen in " : "",
		p->static_dir ? p->static_dir : "", sb_str(&net));
	sb_free(&net);
	return 1;
}
