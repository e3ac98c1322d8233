#include "api_routes.h"

#include "absl/strings/str_cat.h"
#include "liandong/v1/classification.pb.h"
#include "liandong/v1/dispatch.pb.h"
#include "liandong/v1/feedback.pb.h"
#include "liandong/v1/intake.pb.h"
#include "liandong/v1/record.pb.h"

namespace liandong::gateway {
namespace {

// The file that declares each service. Naming a message of each file links its descriptors
// into the binary (a static library's unused objects would otherwise be dropped).
const google::protobuf::FileDescriptor* FileOf(const std::string& service) {
  static const std::map<std::string, const google::protobuf::FileDescriptor*> files = {
      {"IntakeService", v1::SubmitCallRequest::descriptor()->file()},
      {"ClassificationService", v1::ClassifyRequest::descriptor()->file()},
      {"DispatchService", v1::SignOrderRequest::descriptor()->file()},
      {"FeedbackService", v1::ResolveRequest::descriptor()->file()},
      {"RecordService", v1::ListCasesRequest::descriptor()->file()},
  };
  auto it = files.find(service);
  return it == files.end() ? nullptr : it->second;
}

}  // namespace

const std::vector<std::string>& MappableServices() {
  static const auto* names =
      new std::vector<std::string>{"IntakeService", "ClassificationService", "DispatchService",
                                   "FeedbackService", "RecordService"};
  return *names;
}

std::map<std::string, ApiRoute> BuildRoutes(const std::map<std::string, std::string>& upstreams) {
  std::map<std::string, ApiRoute> routes;
  for (const std::string& name : MappableServices()) {
    if (auto it = upstreams.find(name); it == upstreams.end() || it->second.empty()) continue;
    const auto* service = FileOf(name)->FindServiceByName(name);
    if (service == nullptr) continue;
    for (int i = 0; i < service->method_count(); ++i) {
      const auto* m = service->method(i);
      if (m->client_streaming()) continue;  // no browser flow needs one
      ApiRoute r;
      r.path = absl::StrCat("/api/v1/", name, "/", m->name());
      r.service = name;
      r.grpc_method = absl::StrCat("/", service->full_name(), "/", m->name());
      r.label = absl::StrCat(name, ".", m->name());
      r.request = m->input_type();
      r.response = m->output_type();
      r.server_streaming = m->server_streaming();
      routes.emplace(r.path, r);
    }
  }
  return routes;
}

}  // namespace liandong::gateway
