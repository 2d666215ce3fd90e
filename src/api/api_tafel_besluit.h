/*
 * api_tafel_besluit.h - the handlers of the meeting of the thuiszitterstafel
 * (api_tafel_besluit.c), routed in api_tafels.c's table.
 */
#ifndef INBEELD_API_TAFEL_BESLUIT_H
#define INBEELD_API_TAFEL_BESLUIT_H

typedef struct req req;

/* GET /api/tafels/{id}/besluiten: the children discussed, and the earlier decisions not yet checked. */
void h_tafel_meeting(req *r);
/* POST /api/tafels/{id}/besluiten: what the tafel decided on one child. */
void h_tafel_decide(req *r);

#endif
