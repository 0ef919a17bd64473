/*-------------------------------------------------------------------------
 *
 * sample_scan.h
 *	  synth_clone and synth_sample in FROM as a scan that streams their rows
 *	  (sample_scan.c).
 *
 *-------------------------------------------------------------------------
 */
#ifndef SD_SAMPLE_SCAN_H
#define SD_SAMPLE_SCAN_H

#include "fmgr.h"

extern void sample_scan_register(void);
extern bool sample_scan_call(FunctionCallInfo fcinfo);
extern bool sample_scan_streams_workers(FunctionCallInfo fcinfo);
extern void sample_scan_on_stop(FunctionCallInfo fcinfo, void (*stop) (void *arg),
								void *arg);

#endif							/* SD_SAMPLE_SCAN_H */
