// xisa::run: picks the guest from the ELF header, loads the program and runs it.
#include <elf.h>
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

#include "common/error.h"
#include "common/log.h"
#include "guest/cpu_header.h"
#include "linux/elf_probe.h"
#include "linux/linux_process.h"
#include "runtime/dispatcher.h"
#include "runtime/engine.h"
#include "xisa/xisa.h"

namespace xisa {

namespace {

void write_stats(const Options& options, const std::string& json) {
  if (options.stats_file.empty()) {
    std::fputs(json.c_str(), stderr);
    return;
  }
  std::FILE* f = std::fopen(options.stats_file.c_str(), "w");
  if (!f) {
    log::error("cannot write stats to {}", options.stats_file);
    return;
  }
  std::fputs(json.c_str(), f);
  std::fclose(f);
}

}  // namespace

const char* version() {
  return "0.1.0";
}

RunResult run(const Launch& launch) {
  if (!log::set_level(launch.options.log_level))
    throw Error(fmt::format("unknown log level '{}'", launch.options.log_level));
  if (launch.options.engine == EngineKind::Kvm)
    throw Error(fmt::format("--engine {} is not available yet; use --engine interp",
                            runtime::engine_name(launch.options.engine)));
  const os::ElfProbe probe = os::probe_elf(launch.program);
  const GuestArch* arch = guest_for_elf_machine(probe.machine);
  if (!arch)
    throw Error(
        fmt::format("{}: unsupported architecture (ELF machine {}); xisa runs x86-64, "
                    "AArch64 and RISC-V64 programs",
                    launch.program, probe.machine));
  os::ProcessConfig config{launch.program, launch.options.sysroot, launch.options.strace};
  os::LinuxProcess process(*arch, config);
  const os::StartInfo start = process.load(launch.argv, launch.envp);

  auto state = std::unique_ptr<uint8_t[], decltype(&std::free)>(
      static_cast<uint8_t*>(std::aligned_alloc(64, (arch->state_size() + 63) / 64 * 64)),
      &std::free);
  arch->init_state(state.get());
  arch->set_entry(state.get(), start.entry_pc, start.stack_pointer);

  runtime::Metrics metrics;
  runtime::Dispatcher dispatcher(process, launch.options, metrics);
  const RunResult result = dispatcher.run(state.get());
  if (launch.options.stats) {
    metrics.syscalls = process.syscall_counts();
    write_stats(launch.options,
                metrics.to_json(dispatcher.engine_name(), std::string(arch->name())));
  }
  return result;
}

}  // namespace xisa
