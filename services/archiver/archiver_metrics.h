#pragma once

#include "prometheus/counter.h"
#include "prometheus/gauge.h"
#include "prometheus/registry.h"

namespace liandong::archiver {

// What the archiver exposes beside the metrics every service has (libs/metrics).
struct ArchiverMetrics {
  explicit ArchiverMetrics(prometheus::Registry& registry);

  prometheus::Counter& events_archived;  // new rows in `events`
  prometheus::Counter& events_repeated;  // entries read again that were already archived
  prometheus::Counter& postgres_errors;  // failed batch writes (retried)
  prometheus::Counter& cases_expiring;   // closed cases given their retention TTL
  prometheus::Family<prometheus::Counter>& trimmed;  // {stream="events|orders|outcomes"}
  prometheus::Gauge& lag_entries;                    // ld:events entries not yet archived
  prometheus::Gauge& redis_memory_ratio;             // used_memory / maxmemory (0 when unlimited)
  prometheus::Gauge& postgres_up;
};

}  // namespace liandong::archiver
