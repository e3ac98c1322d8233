#include "gateway_server.h"

#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/util/json_util.h>

#include <iostream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/grpc_status.h"
#include "http_errors.h"
#include "json_request.h"
#include "security_headers.h"
#include "server/client_channel.h"

namespace liandong::gateway {
namespace {

constexpr size_t kMaxTokenBytes = 8192;
constexpr char kJson[] = "application/json; charset=utf-8";

// Output as grpc-gateway does: lowerCamelCase names, enums by name, and every field even when
// it holds its default, so the web app never has to guess a missing one.
std::string ToJson(const std::string& bytes, const google::protobuf::Descriptor* type) {
  std::unique_ptr<google::protobuf::Message> message(
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(type)->New());
  if (!message->ParseFromString(bytes)) return {};
  google::protobuf::util::JsonPrintOptions options;
  options.always_print_primitive_fields = true;
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(*message, &json, options).ok()) return {};
  return json;
}

// The token of "Authorization: Bearer <token>", or "" when there is none worth forwarding.
std::string BearerOf(const httplib::Request& req) {
  const std::string header = req.get_header_value("Authorization");
  constexpr absl::string_view kPrefix = "Bearer ";
  if (!absl::StartsWithIgnoreCase(header, kPrefix)) return {};
  std::string token(absl::StripAsciiWhitespace(header.substr(kPrefix.size())));
  for (char c : token) {
    // A JWT is base64url segments and dots; anything else could not be valid metadata.
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_' &&
        c != '=' && c != '+' && c != '/') {
      return {};
    }
  }
  return token.size() <= kMaxTokenBytes ? token : std::string();
}

std::string SseEvent(const std::string& event, const std::string& data) {
  return absl::StrCat("event: ", event, "\ndata: ", data, "\n\n");
}

}  // namespace

struct GatewayServer::OpenStream {
  const ApiRoute* route = nullptr;
  std::unique_ptr<ServerStreamCall> call;
  std::string first;  // a message read before the response began
  bool has_first = false;
  absl::Time last_write = absl::Now();
  absl::Time started = absl::Now();
};

GatewayServer::GatewayServer(GatewayOptions options,
                             const std::map<std::string, std::string>& upstreams,
                             const server::ClientSecurity& security, GatewayMetrics& metrics)
    : options_(std::move(options)), routes_(BuildRoutes(upstreams)), metrics_(metrics) {
  // The gateway has no identity of its own: no channel token, each call carries the caller's.
  server::ClientSecurity forwarding = security;
  forwarding.token = nullptr;
  for (const auto& [service, address] : upstreams) {
    if (address.empty()) continue;
    stubs_[service] = std::make_unique<grpc::GenericStub>(server::MakeChannel(address, forwarding));
  }
  if (!options_.tls_cert.empty() && !options_.tls_key.empty()) {
    http_ =
        std::make_unique<httplib::SSLServer>(options_.tls_cert.c_str(), options_.tls_key.c_str());
  } else {
    http_ = std::make_unique<httplib::Server>();
  }
  Install();
}

void GatewayServer::Refuse(httplib::Response& res, int http_status, const std::string& code,
                           const std::string& field, const std::string& reason) {
  metrics_.Refused(http_status);
  res.status = http_status;
  res.set_content(ErrorJson(code, field, reason), kJson);
}

void GatewayServer::Install() {
  httplib::Server& s = *http_;
  const int threads = options_.http_threads;
  s.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  s.set_payload_max_length(options_.max_body_bytes);
  // Small JSON answers must not wait for the client's delayed ACK (Nagle): ~40 ms each.
  s.set_tcp_nodelay(true);
  s.set_post_routing_handler(AddSecurityHeaders);
  // Refusals httplib makes itself (413, 404 …) get the same JSON body as ours.
  s.set_error_handler([this](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (res.status == 413) {
      Refuse(res, 413, "PAYLOAD_TOO_LARGE", "body",
             absl::StrCat("the body is larger than ", options_.max_body_bytes, " bytes"));
    } else if (res.status == 404) {
      Refuse(res, 404, "NOT_FOUND", "", "no such page or API route");
    } else {
      Refuse(res, res.status, "BAD_REQUEST", "", "the HTTP request was refused");
    }
  });
  s.Get("/healthz", [this](const httplib::Request&, httplib::Response& res) {
    res.status = stopping_ ? 503 : 200;
    res.set_content(stopping_ ? "stopping\n" : "ok\n", "text/plain");
  });
  s.Get("/api/v1/rules", [this](const httplib::Request&, httplib::Response& res) {
    res.set_content(options_.rules_json, kJson);
  });
  s.Get("/api/v1/routes", [this](const httplib::Request&, httplib::Response& res) {
    std::string out = "{\"routes\":[";
    for (const auto& [path, r] : routes_) {
      absl::StrAppend(&out, out.back() == '[' ? "" : ",", "{\"path\":\"", path, "\",\"request\":\"",
                      r.request->full_name(), "\",\"response\":\"", r.response->full_name(),
                      "\",\"stream\":", r.server_streaming ? "true" : "false", "}");
    }
    res.set_content(out + "]}", kJson);
  });
  const char* kApi = R"(/api/v1/[A-Za-z]+/[A-Za-z]+)";
  s.Post(kApi,
         [this](const httplib::Request& req, httplib::Response& res) { HandleApi(req, res); });
  s.Get(kApi, [this](const httplib::Request&, httplib::Response& res) {
    Refuse(res, 405, "METHOD_NOT_ALLOWED", "", "API routes take POST with a JSON body");
  });
  if (!options_.web_root.empty() && !s.set_mount_point("/", options_.web_root)) {
    std::cerr << "liandong-gateway: no web app at " << options_.web_root << " (API only)"
              << std::endl;
  }
}

void GatewayServer::HandleApi(const httplib::Request& req, httplib::Response& res) {
  auto it = routes_.find(req.path);
  if (it == routes_.end()) {
    return Refuse(res, 404, "NOT_FOUND", "", absl::StrCat("no API route ", req.path));
  }
  const ApiRoute& route = it->second;
  if (stopping_) return Refuse(res, 503, "UNAVAILABLE", "", "the gateway is shutting down");
  const std::string bearer = BearerOf(req);
  if (bearer.empty()) {
    return Refuse(res, 401, "UNAUTHENTICATED", "Authorization",
                  "send \"Authorization: Bearer <token>\" (a token from your identity provider)");
  }
  const std::string content_type = req.get_header_value("Content-Type");
  if (!req.body.empty() && !absl::StartsWithIgnoreCase(content_type, "application/json")) {
    return Refuse(res, 415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type",
                  "the body must be application/json");
  }
  std::unique_ptr<google::protobuf::Message> message(
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(route.request)->New());
  if (auto problem = ParseJsonRequest(req.body, *message)) {
    return Refuse(res, 400, "INVALID_ARGUMENT", problem->field, problem->reason);
  }
  const std::string request = message->SerializeAsString();
  if (route.server_streaming) return HandleStream(route, request, bearer, res);
  HandleUnary(route, request, bearer, res);
}

void GatewayServer::HandleUnary(const ApiRoute& route, const std::string& request,
                                const std::string& bearer, httplib::Response& res) {
  const absl::Time start = absl::Now();
  std::string reply;
  const grpc::Status status = CallUnary(*stubs_.at(route.service), route.grpc_method, request,
                                        bearer, options_.call_timeout, &reply);
  metrics_.Forwarded(route.label, StatusCodeName(status.error_code()),
                     absl::ToDoubleSeconds(absl::Now() - start));
  res.status = HttpStatusFor(status.error_code());
  res.set_content(status.ok() ? ToJson(reply, route.response) : ErrorJson(status), kJson);
}

void GatewayServer::HandleStream(const ApiRoute& route, const std::string& request,
                                 const std::string& bearer, httplib::Response& res) {
  {
    std::lock_guard<std::mutex> lock(streams_mu_);
    if (static_cast<int>(streams_.size()) >= options_.max_streams) {
      return Refuse(res, 503, "UNAVAILABLE", "", "too many open event streams; retry later");
    }
  }
  auto stream = std::make_shared<OpenStream>();
  stream->route = &route;
  stream->call = std::make_unique<ServerStreamCall>(*stubs_.at(route.service), route.grpc_method,
                                                    request, bearer);
  {
    std::lock_guard<std::mutex> lock(streams_mu_);
    streams_.insert(stream);  // from here Stop() may cancel it
  }
  // A refusal (bad token, another agency's stream) ends the call at once: answer it as an HTTP
  // error rather than as an event stream that closes.
  std::string first;
  const auto event = stream->call->Next(absl::Milliseconds(500), &first);
  if (event == ServerStreamCall::Event::kFinished && !stream->call->status().ok()) {
    const grpc::Status status = stream->call->status();
    metrics_.Forwarded(route.label, StatusCodeName(status.error_code()), 0);
    {
      std::lock_guard<std::mutex> lock(streams_mu_);
      streams_.erase(stream);
    }
    res.status = HttpStatusFor(status.error_code());
    res.set_content(ErrorJson(status), kJson);
    return;
  }
  if (event == ServerStreamCall::Event::kMessage) {
    stream->first = std::move(first);
    stream->has_first = true;
  }
  metrics_.open_streams().Increment();
  res.set_header("X-Accel-Buffering", "no");  // proxies must pass events on at once
  res.set_chunked_content_provider(
      "text/event-stream",
      [this, stream](size_t, httplib::DataSink& sink) { return StreamStep(*stream, sink); },
      [this, stream](bool) {
        {
          std::lock_guard<std::mutex> lock(streams_mu_);
          streams_.erase(stream);  // first, so that Stop() no longer reaches its call
        }
        stream->call.reset();  // cancels the gRPC call if it still runs
        metrics_.open_streams().Decrement();
        metrics_.Forwarded(stream->route->label, "STREAM_END",
                           absl::ToDoubleSeconds(absl::Now() - stream->started));
      });
}

// One turn of an event stream: at most one message, a keep-alive, or the end.
bool GatewayServer::StreamStep(OpenStream& stream, httplib::DataSink& sink) {
  auto send = [&stream, &sink](const std::string& text) {
    stream.last_write = absl::Now();
    return sink.write(text.data(), text.size());
  };
  if (stream.has_first) {
    stream.has_first = false;
    return send(SseEvent("message", ToJson(stream.first, stream.route->response)));
  }
  if (stopping_) {
    send(SseEvent("end", R"({"reason":"the gateway is shutting down"})"));
    sink.done();
    return true;
  }
  std::string message;
  switch (stream.call->Next(absl::Seconds(1), &message)) {
    case ServerStreamCall::Event::kMessage:
      return send(SseEvent("message", ToJson(message, stream.route->response)));
    case ServerStreamCall::Event::kWaiting:
      // A comment line keeps proxies from timing out and tells us the browser is gone.
      if (absl::Now() - stream.last_write >= options_.keepalive) return send(": keep-alive\n\n");
      return sink.is_writable();
    case ServerStreamCall::Event::kFinished:
      break;
  }
  const grpc::Status& status = stream.call->status();
  if (stopping_) {
    send(SseEvent("end", R"({"reason":"the gateway is shutting down"})"));
    sink.done();
    return true;
  }
  send(status.ok() ? SseEvent("end", "{}") : SseEvent("error", ErrorJson(status)));
  sink.done();
  return true;
}

absl::StatusOr<int> GatewayServer::Bind() {
  if (!http_->is_valid()) return absl::InvalidArgumentError("cannot load the HTTPS certificate");
  int port = options_.port;
  if (port == 0) {
    port = http_->bind_to_any_port(options_.host);
    if (port < 0) port = 0;
  } else if (!http_->bind_to_port(options_.host, port)) {
    port = 0;
  }
  if (port == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", options_.host, ":", options_.port));
  }
  return port;
}

void GatewayServer::Serve() { http_->listen_after_bind(); }

void GatewayServer::Stop() {
  stopping_ = true;
  {
    std::lock_guard<std::mutex> lock(streams_mu_);
    for (const auto& s : streams_) {
      if (s->call != nullptr) s->call->Cancel();
    }
  }
  // Streams notice within a second and send their "end" event; then stop listening.
  absl::SleepFor(absl::Milliseconds(1200));
  http_->stop();
}

}  // namespace liandong::gateway
