/*
 * upload.c - receiving a dataset folder. See upload.h.
 */
#include "upload.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/dataset.h"
#include "../util/alloc.h"
#include "http.h"

static bool known_file(const char *name)
{
	for (int t = 0; t < T_COUNT; t++)
		if (strcmp(TABLES[t].file, name) == 0)
			return true;
	return false;
}

static enum MHD_Result on_part(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
			       const char *content_type, const char *transfer_encoding, const char *data, uint64_t off,
			       size_t size)
{
	(void)kind;
	(void)content_type;
	(void)transfer_encoding;
	upload_state *u = cls;
	if (u->error[0])
		return MHD_YES;
	const char *name = filename && *filename ? filename : key;
	const char *slash = strrchr(name, '/');
	if (slash)
		name = slash + 1;
	if (!known_file(name)) {
		snprintf(u->error, sizeof u->error, "onbekend bestand '%.60s' (verwacht de bestanden van SPEC 3.1)", name);
		return MHD_YES;
	}
	if (strcmp(u->current, name) != 0) {
		if (u->fd >= 0)
			close(u->fd);
		char path[PATH_MAX];
		snprintf(path, sizeof path, "%s/%.63s", u->dir, name);
		u->fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
		if (u->fd < 0) {
			snprintf(u->error, sizeof u->error, "bestand '%s' komt twee keer voor of kan niet worden bewaard", name);
			return MHD_YES;
		}
		snprintf(u->current, sizeof u->current, "%s", name);
		u->files++;
	}
	(void)off;
	while (size) {
		ssize_t w = write(u->fd, data, size);
		if (w <= 0) {
			snprintf(u->error, sizeof u->error, "opslaan van '%s' mislukt: %s", name, strerror(errno));
			return MHD_YES;
		}
		data += w;
		size -= (size_t)w;
	}
	return MHD_YES;
}

void remove_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (d) {
		struct dirent *e;
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			char path[PATH_MAX];
			snprintf(path, sizeof path, "%s/%.255s", dir, e->d_name);
			unlink(path);
		}
		closedir(d);
	}
	rmdir(dir);
}

void upload_close_file(upload_state *u)
{
	if (u->fd >= 0) {
		close(u->fd);
		u->fd = -1;
	}
}

void upload_free(upload_state *u)
{
	if (!u)
		return;
	if (u->pp)
		MHD_destroy_post_processor(u->pp);
	if (u->fd >= 0)
		close(u->fd);
	if (u->dir[0])
		remove_dir(u->dir);
	free(u);
}

enum MHD_Result upload_feed(req *r, const char *data, size_t size)
{
	if (!r->upload) {
		upload_state *u = xcalloc(1, sizeof *u);
		u->fd = -1;
		r->upload = u;
		/* In the server's private folder (0700, emptied at start), never
		 * in /tmp: pupils' data left by a killed upload is gone at the
		 * next start and was never readable by others. */
		snprintf(u->dir, sizeof u->dir, "%.*s/upload-XXXXXX", (int)sizeof u->dir - 16, r->srv->tmp_dir);
		if (!mkdtemp(u->dir)) {
			u->dir[0] = '\0';
			snprintf(u->error, sizeof u->error, "tijdelijke map aanmaken mislukt");
			return MHD_YES;
		}
		u->pp = MHD_create_post_processor(r->conn, 64 * 1024, on_part, u);
		if (!u->pp)
			snprintf(u->error, sizeof u->error, "verwacht multipart/form-data met de CSV-bestanden");
	}
	if (data && size && r->upload->pp && !r->upload->error[0] && MHD_post_process(r->upload->pp, data, size) != MHD_YES)
		snprintf(r->upload->error, sizeof r->upload->error, "de upload is niet te lezen als multipart/form-data");
	return MHD_YES;
}
