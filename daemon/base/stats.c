#include "stats.h"

struct daemon_stats stats;
