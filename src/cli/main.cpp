// The xisa command: xisa [options] [--] PROGRAM [ARGS...], in the manner of qemu-user.
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/error.h"
#include "xisa/xisa.h"

extern char** environ;

#if defined(__SANITIZE_ADDRESS__)
// Sanitizer builds (XISA_SANITIZE=ON, scripts/sanitize.sh): the program tests run xisa with a
// fixed environment that drops ASAN_OPTIONS/UBSAN_OPTIONS, so the defaults that make a finding
// fail the test live here. Guest faults reach xisa's own SIGSEGV/SIGBUS handler, which is
// installed after ASan's (allow_user_segv_handler=1 is ASan's default).
extern "C" const char* __asan_default_options() {
  return "detect_leaks=1";
}
extern "C" const char* __ubsan_default_options() {
  return "halt_on_error=1:print_stacktrace=1";
}
#endif

namespace {

std::vector<std::string> guest_environment(const std::vector<std::string>& set,
                                           const std::vector<std::string>& unset) {
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) env.emplace_back(*e);
  auto erase = [&](const std::string& name) {
    std::erase_if(env, [&](const std::string& kv) { return kv.substr(0, kv.find('=')) == name; });
  };
  for (const auto& name : unset) erase(name);
  for (const auto& kv : set) {
    erase(kv.substr(0, kv.find('=')));
    env.push_back(kv);
  }
  return env;
}

// xisa's options that take a value as the next argument (unless written --opt=value or -Xvalue).
const std::set<std::string> kOptionsWithValue = {"--engine",
                                                 "--kvm-device",
                                                 "-L",
                                                 "--sysroot",
                                                 "--stats-file",
                                                 "--log",
                                                 "-E",
                                                 "-U",
                                                 "-0",
                                                 "--argv0",
                                                 "--jit-compile-after",
                                                 "--rvv-vlen",
                                                 "--translation-cache"};

// Where the guest's command starts: the first argument that is neither one of xisa's options
// nor an option's value, or the one after "--". Everything from there on is the guest's, as
// with qemu-user. Returns argc when there is none.
int program_index(int argc, char** argv, bool* had_separator) {
  *had_separator = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--") {
      *had_separator = true;
      return i + 1;
    }
    if (arg.size() < 2 || arg[0] != '-') return i;
    if (kOptionsWithValue.count(arg)) ++i;  // the value is the next argument
  }
  return argc;
}

// $XDG_CACHE_HOME/xisa, else ~/.cache/xisa (the XDG base directory rules), else none.
std::string default_translation_cache() {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  if (xdg && xdg[0] == '/') return std::string(xdg) + "/xisa";
  const char* home = std::getenv("HOME");
  if (home && home[0] == '/') return std::string(home) + "/.cache/xisa";
  return {};
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"xisa: run Linux programs built for x86-64, AArch64 or RISC-V64 on any of them",
               "xisa"};
  app.footer(
      "Usage: xisa [OPTIONS] [--] PROGRAM [ARGS...]\nEvery argument after PROGRAM is the guest's.");
  xisa::Options options;
  std::string engine = "auto";
  std::vector<std::string> env_set, env_unset;
  std::string argv0;
  app.add_option("--engine", engine, "Execution engine: auto, interp, jit or kvm")
      ->check(CLI::IsMember({"auto", "interp", "jit", "kvm"}));
  app.add_option("--kvm-device", options.kvm_device,
                 "The KVM device for --engine kvm (default /dev/kvm); where it does not work, "
                 "xisa says why and runs the JIT")
      ->envname("XISA_KVM_DEVICE");
  options.kvm_fallback = true;
  app.add_flag("!--no-kvm-fallback", options.kvm_fallback,
               "With --engine kvm: fail where KVM cannot run instead of going on in the JIT");
  app.add_flag("--kvm-alternate", options.kvm_alternate,
               "With --engine kvm (a test aid): run the JIT after every syscall until the guest "
               "next leaves it, so the state moves between the engines all the time");
  app.add_option("-L,--sysroot", options.sysroot,
                 "Directory holding the guest's dynamic loader and libraries")
      ->envname("XISA_SYSROOT");
  app.add_flag("--strace", options.strace, "Print each guest syscall and its result");
  app.add_flag("--dump-ir", options.dump_ir, "Print the IR of each translated block");
  app.add_flag("--dump-host", options.dump_host,
               "Print the host code of each block the JIT compiles");
  app.add_option("--jit-compile-after", options.jit_compile_after,
                 "The JIT compiles a block on its Nth run, interpreting the runs before (default "
                 "32; 1 compiles every block on first use)")
      ->check(CLI::Range(1u, 1000000u));
  app.add_flag("--perf", options.perf,
               "Write /tmp/jit-<pid>.dump so perf names JIT code by guest pc (perf record -k mono, "
               "then perf inject --jit)");
  app.add_flag("--stats", options.stats, "Print run metrics as JSON at exit");
  app.add_flag("!--no-tso", options.tso,
               "x86-64 guests on an AArch64 host: plain loads and stores instead of TSO order "
               "(faster; only for programs whose threads do not race)");
  app.add_option("--rvv-vlen", options.rvv_vlen,
                 "RISC-V guests: the vector length VLEN in bits, 128 (default) or 256")
      ->check(CLI::IsMember({128u, 256u}));
  app.add_option("--stats-file", options.stats_file, "Write the --stats JSON to this file");
  options.translation_cache = default_translation_cache();
  app.add_option("--translation-cache", options.translation_cache,
                 "Directory where a program's lifted code is kept for its next start (default "
                 "$XDG_CACHE_HOME/xisa or ~/.cache/xisa; 'off': none)")
      ->envname("XISA_TRANSLATION_CACHE");
  app.add_option("--log", options.log_level, "Log level: trace, debug, info, warn, error, off");
  // One value per -E/-U, repeatable, as in qemu-user.
  app.add_option("-E", env_set, "Set VAR=VALUE in the guest's environment (repeatable)")
      ->allow_extra_args(false);
  app.add_option("-U", env_unset, "Remove VAR from the guest's environment (repeatable)")
      ->allow_extra_args(false);
  app.add_option("-0,--argv0", argv0, "Use this as the guest's argv[0]");
  app.add_flag_callback(
      "--version",
      [] {
        std::printf("xisa %s\n", xisa::version());
        std::exit(0);
      },
      "Print the version and exit");

  bool had_separator = false;
  const int first = program_index(argc, argv, &had_separator);
  // xisa parses only its own arguments; the separator is not one of them.
  const int own = had_separator ? first - 1 : first;
  try {
    app.parse(own, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "xisa: error: %s\nRun 'xisa --help' for the usage.\n", e.what());
    return 1;
  }
  if (first >= argc) {
    std::fprintf(stderr, "xisa: error: no PROGRAM given\nRun 'xisa --help' for the usage.\n");
    return 1;
  }
  std::vector<std::string> command(argv + first, argv + argc);
  if (engine == "interp")
    options.engine = xisa::EngineKind::Interp;
  else if (engine == "jit")
    options.engine = xisa::EngineKind::Jit;
  else if (engine == "kvm")
    options.engine = xisa::EngineKind::Kvm;

  xisa::Launch launch;
  launch.program = command.front();
  launch.argv = command;
  if (!argv0.empty()) launch.argv[0] = argv0;
  launch.envp = guest_environment(env_set, env_unset);
  if (options.translation_cache == "off") options.translation_cache.clear();
  launch.options = options;
#if !defined(__SANITIZE_ADDRESS__)  // LeakSanitizer checks what is left at a normal exit
  launch.options.exit_when_guest_exits = true;
#endif
  xisa::RunResult result;
  try {
    result = xisa::run(launch);
  } catch (const xisa::Error& e) {
    std::fprintf(stderr, "xisa: error: %s\n", e.what());
    return 1;
  }
  std::fflush(stdout);
  if (result.term_signal != 0) xisa::die_of_signal(result.term_signal);
  return result.exit_status;
}
