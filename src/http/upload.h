/*
 * upload.h - receiving a dataset folder as multipart/form-data (routes with
 * BODY_UPLOAD): each part, a file of SPEC 3.1 by its name, is written into
 * a fresh folder in the server's private temporary folder as it arrives, so a large upload is never held in
 * memory. The handler then owns the folder (dir) or leaves it to be removed.
 */
#ifndef INBEELD_HTTP_UPLOAD_H
#define INBEELD_HTTP_UPLOAD_H

#include <limits.h>
#include <microhttpd.h>
#include <stddef.h>

typedef struct req req;

typedef struct upload_state {
	struct MHD_PostProcessor *pp;
	char dir[PATH_MAX - 64]; /* the folder; "" once a handler took it */
	int fd;
	char current[64];
	char error[256]; /* "" while all is well */
	size_t files;
} upload_state;

/* Feed a piece of the body (data NULL: the end). */
enum MHD_Result upload_feed(req *r, const char *data, size_t size);
/* Close the file being written (before the folder is read). */
void upload_close_file(upload_state *u);
void upload_free(upload_state *u);
/* Remove a folder of uploaded files. */
void remove_dir(const char *dir);

#endif
