#pragma once

// Abseil 20220623 has no public RETURN_IF_ERROR / ASSIGN_OR_RETURN; these are ours.
#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define LD_CONCAT_INNER(a, b) a##b
#define LD_CONCAT(a, b) LD_CONCAT_INNER(a, b)

#define LD_RETURN_IF_ERROR(expr)             \
  do {                                       \
    ::absl::Status ld_status_ = (expr);      \
    if (!ld_status_.ok()) return ld_status_; \
  } while (0)

#define LD_ASSIGN_OR_RETURN(lhs, expr) \
  LD_ASSIGN_OR_RETURN_IMPL(LD_CONCAT(ld_statusor_, __LINE__), lhs, expr)

#define LD_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                             \
  if (!tmp.ok()) return tmp.status();            \
  lhs = std::move(tmp).value()
