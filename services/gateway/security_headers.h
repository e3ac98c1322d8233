#pragma once

#include <httplib.h>

namespace liandong::gateway {

// Headers on every response: a strict Content-Security-Policy (scripts and styles only from
// the gateway itself, no inline script, no framing), nosniff, no referrer, and no caching of
// API answers (they carry personal data).
void AddSecurityHeaders(const httplib::Request& req, httplib::Response& res);

}  // namespace liandong::gateway
