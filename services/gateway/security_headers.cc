#include "security_headers.h"

namespace liandong::gateway {

void AddSecurityHeaders(const httplib::Request& req, httplib::Response& res) {
  res.set_header("Content-Security-Policy",
                 "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                 "font-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none'; "
                 "form-action 'none'; frame-ancestors 'none'");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("Cross-Origin-Opener-Policy", "same-origin");
  res.set_header("Cross-Origin-Resource-Policy", "same-origin");
  res.set_header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  if (req.path.rfind("/api/", 0) == 0) {
    res.set_header("Cache-Control", "no-store");
  } else if (req.path.rfind("/assets/", 0) == 0) {
    res.set_header("Cache-Control", "public, max-age=31536000, immutable");  // hashed names
  } else {
    res.set_header("Cache-Control", "no-cache");
  }
}

}  // namespace liandong::gateway
