#pragma once

#include <google/protobuf/descriptor.h>

#include <map>
#include <string>
#include <vector>

namespace liandong::gateway {

// One HTTP route, derived from a gRPC method: POST /api/v1/{Service}/{Method} with the request
// message as JSON. A server-streaming method answers with Server-Sent Events.
struct ApiRoute {
  std::string path;         // "/api/v1/IntakeService/SubmitCall"
  std::string service;      // "IntakeService": picks the upstream address
  std::string grpc_method;  // "/liandong.v1.IntakeService/SubmitCall"
  std::string label;        // "IntakeService.SubmitCall": the metrics label
  const google::protobuf::Descriptor* request = nullptr;
  const google::protobuf::Descriptor* response = nullptr;
  bool server_streaming = false;
};

// The services the gateway can map, by short name. Every unary and server-streaming method of
// each becomes a route; nothing else is reachable through the gateway.
const std::vector<std::string>& MappableServices();

// The routes of the services that have an upstream address, keyed by path.
std::map<std::string, ApiRoute> BuildRoutes(const std::map<std::string, std::string>& upstreams);

}  // namespace liandong::gateway
