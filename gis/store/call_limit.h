// CallLimit: what bounds one store call. Every store method takes one; a
// plain absl::Time converts to a limit with that deadline.
#ifndef PWIS_GIS_STORE_CALL_LIMIT_H_
#define PWIS_GIS_STORE_CALL_LIMIT_H_

#include <functional>
#include <utility>

#include "absl/time/time.h"

namespace pwis::store {

// What bounds one store call: its deadline (for the wait for a connection
// and for every statement), and optionally a test of whether its caller has
// gone (polled while a statement runs).
struct CallLimit {
  CallLimit(absl::Time deadline = absl::InfiniteFuture())  // NOLINT: implicit
      : deadline(deadline) {}
  CallLimit(absl::Time deadline, std::function<bool()> caller_gone)
      : deadline(deadline), caller_gone(std::move(caller_gone)) {}
  absl::Time deadline;
  std::function<bool()> caller_gone;  // Empty: never asked.
};

}  // namespace pwis::store

#endif  // PWIS_GIS_STORE_CALL_LIMIT_H_
