// What the guest threads of one process share in the runtime: the log of changed code, the
// code-page write watch, the metrics, and the host threads that run clone'd guest threads.
// Each guest thread has its own dispatcher and engine (per-thread translations:
// docs/adr/0002-guest-threads.md).
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>

#include "linux/linux_process.h"
#include "runtime/code_change_log.h"
#include "runtime/dispatcher.h"
#include "runtime/engine_code_pages.h"
#include "runtime/metrics.h"
#include "runtime/shared_jit_code.h"
#include "runtime/translation_store.h"
#include "xisa/xisa.h"

namespace xisa::runtime {

class ProcessRuntime {
 public:
  ProcessRuntime(os::LinuxProcess& process, const Options& options);
  ~ProcessRuntime();
  ProcessRuntime(const ProcessRuntime&) = delete;
  ProcessRuntime& operator=(const ProcessRuntime&) = delete;

  // Runs the main guest thread (attached by the caller) until the process ends. When other
  // threads are still running then, the process ends here (stats written, host exit).
  RunResult run_main(os::GuestThread* main);
  // --stats: the metrics of every thread.
  void write_stats();

 private:
  int64_t spawn(os::GuestThread* child, const os::CloneRequest& request);
  void thread_body(os::GuestThread* thread, os::CloneRequest request, void* started);
  [[noreturn]] void end_process(const RunResult& result);
  static void notify_code_change(void* self);
  void on_fork_child();
  std::shared_ptr<SharedJitCode> new_jit_code();
  // Writes what this run lifted to the translation store (not from a fork's child: its
  // parent writes the program's file).
  void save_translations();

  os::LinuxProcess& process_;
  const Options& options_;
  CodeChangeLog code_changes_;
  std::unique_ptr<CodePageGuard> code_pages_;  // x86-64 guests
  std::shared_ptr<SharedJitCode> jit_code_;    // with the JIT engine
  std::unique_ptr<TranslationStore> store_;    // with --translation-cache
  Metrics main_metrics_;
  std::mutex mutex_;
  Metrics other_metrics_;  // threads that ended, merged
  std::condition_variable all_ended_;
  bool main_waiting_ = false;  // the main thread left and waits for the last one
  bool forked_child_ = false;  // this process is a guest fork's child: no --stats of its own
  const char* engine_name_ = "";
};

}  // namespace xisa::runtime
