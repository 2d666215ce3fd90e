/*
 * life_params.c - the calibration of the life simulation: rates per
 * pupil-year and durations, fitted so that the count at 1 November matches
 * seed 004 (docs/generator.md shows the fit).
 */
#include "life_sim.h"

const params P = {
	.newcomer = 0.12,
	.newcomer_gap = 40.0,
	.move = 0.035,
	.emigrate = 0.035,
	.emigrate_return = 0.3,
	.emigrate_admin = 0.22,
	.admin_delay = 50.0,
	.onderzoek_noise = 0.004,
	.lrv = {0.0011, 0.0025, 0.0049, 0.0068, 0.0098, 0.0098, 0.0074},
	.lrv_tail = 180.0,
	.lrv_outcome = {0.58, 0.23, 0.09, 0.10},
	.expel = {0.0003, 0.0008, 0.0010, 0.0015, 0.0010, 0.0015, 0.0010},
	.dropout = 0.013,
	.mbo_early = 0.09,
	.switch_gap = 0.012,
	.v5a_temp = 0.0015,
	.v5a_perm_start = 0.00052,
	.v5a_perm_late = 0.00004,
	.v5b = 0.000227,
	.v5c = 0.0041,
	.v5c_late = 0.03,
	.chronic = 0.00001,
	.sick_long = {0.0040, 0.0080, 0.0120, 0.0080, 0.0140, 0.0100, 0.0100},
	.truancy = {0.006, 0.02, 0.02, 0.045, 0.05, 0.05, 0.06},
	.spell = 0.012,
	.sick_short = 0.07,
	.mazl = 0.012,
	.suspend = {0.002, 0.004, 0.006, 0.012, 0.010, 0.012, 0.006},
	.leave = 0.004,
	.dual = 0.004,
	.feb_intake = 0.0017,
	.late_mbo = 0.03,
	.no_mbo = 0.0015,
	.melding_missing = 0.12,
	.melding_delay = 11.0,
	.aanbod = 0.7,
};
