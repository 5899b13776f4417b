// The error type for problems a user must fix (bad program file, missing sysroot...): the CLI
// prints its message on one line and exits with status 1.
#pragma once

#include <stdexcept>
#include <string>

namespace xisa {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace xisa
