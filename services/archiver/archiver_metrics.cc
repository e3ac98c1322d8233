#include "archiver_metrics.h"

namespace liandong::archiver {

ArchiverMetrics::ArchiverMetrics(prometheus::Registry& r)
    : events_archived(prometheus::BuildCounter()
                          .Name("liandong_archiver_events_archived_total")
                          .Help("ld:events entries written to PostgreSQL for the first time")
                          .Register(r)
                          .Add({})),
      events_repeated(prometheus::BuildCounter()
                          .Name("liandong_archiver_events_repeated_total")
                          .Help("entries read again (after a crash) that were already archived")
                          .Register(r)
                          .Add({})),
      postgres_errors(prometheus::BuildCounter()
                          .Name("liandong_archiver_postgres_errors_total")
                          .Help("batch writes PostgreSQL refused or could not take (retried)")
                          .Register(r)
                          .Add({})),
      cases_expiring(prometheus::BuildCounter()
                         .Name("liandong_archiver_cases_expiring_total")
                         .Help("closed, archived cases whose Redis key was given its retention")
                         .Register(r)
                         .Add({})),
      trimmed(prometheus::BuildCounter()
                  .Name("liandong_archiver_trimmed_entries_total")
                  .Help("stream entries trimmed from Redis, by stream kind")
                  .Register(r)),
      lag_entries(prometheus::BuildGauge()
                      .Name("liandong_archiver_lag_entries")
                      .Help("ld:events entries not yet archived (read or not)")
                      .Register(r)
                      .Add({})),
      redis_memory_ratio(prometheus::BuildGauge()
                             .Name("liandong_archiver_redis_memory_used_ratio")
                             .Help("Redis used_memory / maxmemory (0 when maxmemory is unset)")
                             .Register(r)
                             .Add({})),
      postgres_up(prometheus::BuildGauge()
                      .Name("liandong_archiver_postgres_up")
                      .Help("1 while the last PostgreSQL write or ping succeeded")
                      .Register(r)
                      .Add({})) {}

}  // namespace liandong::archiver
