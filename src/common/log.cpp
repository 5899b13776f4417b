// spdlog set-up: a stderr logger whose lines start with "xisa:".
#include "common/log.h"

#include <spdlog/sinks/stdout_sinks.h>

namespace xisa::log {

namespace {
struct DefaultLogger {
  DefaultLogger() {
    auto logger = spdlog::stderr_logger_st("xisa");
    logger->set_pattern("xisa: %l: %v");
    logger->set_level(spdlog::level::warn);
    spdlog::set_default_logger(logger);
  }
};
}  // namespace

bool set_level(std::string_view name) {
  static DefaultLogger init;
  const auto level = spdlog::level::from_str(std::string(name));
  if (level == spdlog::level::off && name != "off") return false;
  spdlog::set_level(level);
  return true;
}

}  // namespace xisa::log
