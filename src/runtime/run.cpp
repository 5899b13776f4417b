// xisa::run: picks the guest from the ELF header, loads the program and runs it.
#include <elf.h>
#include <fmt/format.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <climits>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "common/error.h"
#include "common/log.h"
#include "guest/cpu_header.h"
#include "linux/elf_probe.h"
#include "linux/guest_thread.h"
#include "linux/linux_process.h"
#include "runtime/engine.h"
#include "runtime/process_runtime.h"
#include "xisa/xisa.h"

namespace xisa {

const char* version() {
  return "0.1.0";
}

RunResult run(const Launch& launch) {
  if (!log::set_level(launch.options.log_level))
    throw Error(fmt::format("unknown log level '{}'", launch.options.log_level));
  const os::ElfProbe probe = os::probe_elf(launch.program);
  const GuestArch* arch = guest_for_elf_machine(probe.machine);
  if (!arch)
    throw Error(
        fmt::format("{}: unsupported architecture (ELF machine {}); xisa runs x86-64, "
                    "AArch64 and RISC-V64 programs",
                    launch.program, probe.machine));
  os::ProcessConfig config;
  config.exe_path = launch.program;
  config.sysroot = launch.options.sysroot;
  config.strace = launch.options.strace;
  char self[PATH_MAX];
  const ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  config.xisa_exe = n > 0 ? std::string(self, static_cast<size_t>(n)) : std::string();
  config.engine = runtime::engine_name(launch.options.engine);
  config.log_level = launch.options.log_level;
  config.tso = launch.options.tso;
  config.rvv_vlen = launch.options.rvv_vlen;
  config.translation_cache = launch.options.translation_cache;
  if (!arch->set_vector_length(launch.options.rvv_vlen))
    throw Error(fmt::format("--rvv-vlen {}: VLEN is 128 or 256", launch.options.rvv_vlen));
  os::LinuxProcess process(*arch, config);
  const os::StartInfo start = process.load(launch.argv, launch.envp);

  os::GuestThread* main = process.new_thread();
  arch->init_state(main->state);
  arch->set_entry(main->state, start.entry_pc, start.stack_pointer);
  process.attach_thread(main, nullptr);

  runtime::ProcessRuntime runtime(process, launch.options);
  const RunResult result = runtime.run_main(main);
  runtime.write_stats();
  return result;
}

void die_of_signal(int signo) {
  struct rlimit no_core {
    0, 0
  };
  setrlimit(RLIMIT_CORE, &no_core);
  struct sigaction sa {};
  sa.sa_handler = SIG_DFL;
  sigaction(signo, &sa, nullptr);
  const uint64_t unblock = uint64_t{1} << (signo - 1);
  syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, &unblock, nullptr, sizeof unblock);
  syscall(SYS_tgkill, getpid(), gettid(), signo);
  _exit(128 + signo);
}

}  // namespace xisa
