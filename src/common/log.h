// Logging through spdlog, with xisa's prefix and level names.
#pragma once

#include <spdlog/spdlog.h>

#include <string_view>

namespace xisa::log {

// Sets the level from a name (trace, debug, info, warn, error, off); false if unknown.
bool set_level(std::string_view name);

using spdlog::debug;
using spdlog::error;
using spdlog::info;
using spdlog::trace;
using spdlog::warn;

}  // namespace xisa::log
