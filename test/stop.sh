#!/bin/bash
# test/stop.sh — stop the private cluster that test/demo.sh started.
source "$(dirname "${BASH_SOURCE[0]}")/cluster.sh"
sd_stop_cluster
