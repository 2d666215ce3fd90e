/*
 * exit_codes.h - the exit codes of every inbeeld command (README).
 */
#ifndef INBEELD_EXIT_CODES_H
#define INBEELD_EXIT_CODES_H

enum {
	EXIT_OK = 0,
	EXIT_DATA = 1,	/* invalid data, unknown pupil, store error */
	EXIT_USAGE = 2, /* wrong command line */
};

#endif
