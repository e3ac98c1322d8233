#pragma once

#include <ostream>

#include "google/protobuf/message.h"
#include "liandong/v1/common.pb.h"

namespace liandong::desk {

// Human-readable views for operators; --json prints the message itself instead.
void PrintTriage(const v1::Triage& t, std::ostream& out);
void PrintOrders(const v1::Case& c, std::ostream& out);
void PrintOrder(const v1::WorkOrder& o, std::ostream& out);
void PrintCase(const v1::Case& c, std::ostream& out);
void PrintJson(const google::protobuf::Message& m, std::ostream& out);

}  // namespace liandong::desk
