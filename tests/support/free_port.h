#pragma once

#include <string>

namespace liandong::testing {

// A TCP port on 127.0.0.1 that nothing listens on right now.
int FreePort();
// True once something accepts connections on 127.0.0.1:port, waiting up to `seconds`.
bool WaitForPort(int port, double seconds);
std::string LoopbackAddress(int port);

}  // namespace liandong::testing
