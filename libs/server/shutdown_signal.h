#pragma once

namespace liandong::server {

// Blocks SIGINT and SIGTERM in the calling thread and every thread it starts later, so that
// only WaitForShutdownSignal sees them. Call first thing in main().
void BlockShutdownSignals();

// Waits until SIGINT or SIGTERM arrives; returns the signal number.
int WaitForShutdownSignal();

}  // namespace liandong::server
