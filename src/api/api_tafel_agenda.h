/*
 * api_tafel_agenda.h - the handlers of the agenda of the thuiszitterstafel
 * (api_tafel_agenda.c), routed in api_tafels.c's table.
 */
#ifndef INBEELD_API_TAFEL_AGENDA_H
#define INBEELD_API_TAFEL_AGENDA_H

typedef struct req req;

/* GET /api/tafels/{id}/agenda: the children to discuss, in order (as set, or proposed). */
void h_tafel_agenda(req *r);
/* POST /api/tafels/{id}/agenda: set the agenda as a whole. */
void h_tafel_agenda_set(req *r);

#endif
