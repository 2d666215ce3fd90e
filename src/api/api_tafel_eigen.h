/*
 * api_tafel_eigen.h - what api_tafels.c and api_tafel_eigen.c share: the
 * handlers of the SWV's own list (routed in api_tafels.c's table), the
 * peildatum of a list, and what registering an unknown child starts from.
 */
#ifndef INBEELD_API_TAFEL_EIGEN_H
#define INBEELD_API_TAFEL_EIGEN_H

#include <jansson.h>
#include <stdbool.h>

#include "../core/date.h"

typedef struct req req;

/* The peildatum of a list being fixed or read in: the body's, else today;
 * never ahead of today. False after a 400 reply. */
bool tafel_list_day(req *r, day_t *d);

/* POST /api/tafels/eigen: read, match and keep the SWV's own list. */
void h_tafel_own_upload(req *r);
/* POST /api/tafels/{id}/regels/{regel}: confirm or reject a suggestion. */
void h_tafel_own_confirm(req *r);

/* For a row the registry does not know (issue 15), from the row as the file
 * gave it (given: its JSON): what registering the child can start from. */
json_t *own_register_json(json_t *given);

#endif
