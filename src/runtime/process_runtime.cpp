// Guest threads on host threads, process exit with threads still running, --stats.
#include "runtime/process_runtime.h"

#include <fmt/format.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstdio>
#include <new>
#include <semaphore>
#include <system_error>
#include <thread>

#include "common/log.h"
#include "linux/guest_thread.h"
#include "linux/host_signals.h"
#include "runtime/memory_change_hooks.h"

namespace xisa::runtime {

ProcessRuntime::ProcessRuntime(os::LinuxProcess& process, const Options& options)
    : process_(process), options_(options) {
  if (process.arch().isa() == GuestIsa::X86_64)
    code_pages_ = std::make_unique<CodePageGuard>(
        code_changes_, notify_code_change, this,
        [&process](uint64_t addr) { return process.protection_at(addr); });
  // Syscalls run between blocks; every thread drops what changed at its next block boundary.
  process_.set_memory_change_listener([this](uint64_t lo, uint64_t hi) {
    // The guest's own mapping or protection is in force there now: the guard lets go first.
    if (code_pages_) code_pages_->forget(lo, hi);
    code_changes_.add(lo, hi);
    run_memory_change_hooks(lo, hi);
    notify_code_change(this);
  });
  process_.set_fork_hooks(
      {[this] { mutex_.lock(); }, [this] { mutex_.unlock(); }, [this] { on_fork_child(); }});
  process_.set_thread_spawner([this](os::GuestThread* child, const os::CloneRequest& request) {
    return spawn(child, request);
  });
  if (!options.translation_cache.empty()) {
    TranslationStore::Key key;
    key.isa = static_cast<uint8_t>(process.arch().isa());
    key.lifting_options = options.rvv_vlen | (options.tso ? 1u << 16 : 0u);
    store_ = TranslationStore::open(options.translation_cache, process.config().exe_path, key);
  }
  // The KVM engine falls back to the JIT, and hands it code it cannot run.
  const EngineKind engine = resolve_engine(options.engine);
  if (jit_available() && (engine == EngineKind::Jit || engine == EngineKind::Kvm))
    jit_code_ = new_jit_code();
}

std::shared_ptr<SharedJitCode> ProcessRuntime::new_jit_code() {
  auto code = std::make_shared<SharedJitCode>(options_, &code_changes_,
                                              [this] { notify_code_change(this); });
  code->set_tso(process_.arch().isa() == GuestIsa::X86_64 && options_.tso);
  return code;
}

void ProcessRuntime::on_fork_child() {
  new (&mutex_) std::mutex();  // the old owner is not here
  main_waiting_ = false;
  forked_child_ = true;
  // The parent's code memory is a shared mapping: the child translates into its own.
  if (jit_code_) jit_code_ = new_jit_code();
}

void ProcessRuntime::save_translations() {
  if (store_ && !forked_child_) store_->save();
}

ProcessRuntime::~ProcessRuntime() {
  save_translations();
  process_.set_memory_change_listener(nullptr);
  process_.set_fork_hooks(
      {[this] { mutex_.lock(); }, [this] { mutex_.unlock(); }, [this] { on_fork_child(); }});
  process_.set_thread_spawner(nullptr);
}

void ProcessRuntime::notify_code_change(void* self) {
  static_cast<ProcessRuntime*>(self)->process_.raise_exit_request_all(kExitRequestCodeChange);
}

RunResult ProcessRuntime::run_main(os::GuestThread* main) {
  ThreadEnd end;
  {
    Dispatcher dispatcher(process_, options_, main_metrics_, code_changes_, code_pages_.get(),
                          jit_code_, store_.get());
    engine_name_ = dispatcher.engine_name();
    end = dispatcher.run(main->state);
    // A fork's child ends here too, in every build: what the threads that did not survive the
    // fork owned (their dispatchers, on host stacks that are gone) can be neither freed nor
    // found by LeakSanitizer, which would report it.
    if (end.process_ends && (options_.exit_when_guest_exits || forked_child_))
      end_process(end.result);
  }
  if (end.process_ends) {
    if (process_.thread_count() > 1) end_process(end.result);
    process_.detach_thread(main);
    return end.result;
  }
  // The main thread exited alone: the process lives on until its last thread exits, and
  // reports the main thread's status (the thread group leader's).
  // mutex_ is never held while the process lock is taken (a fork takes them the other way).
  {
    std::lock_guard lock(mutex_);
    main_waiting_ = true;
  }
  if (process_.detach_thread(main) > 0) {
    std::unique_lock lock(mutex_);
    all_ended_.wait(lock, [&] { return process_.thread_count() == 0; });
  }
  return end.result;
}

namespace {
// The child says its tid once it is attached (it may have ended before the parent reads).
struct ThreadStart {
  std::binary_semaphore attached{0};
  int tid = 0;
};
}  // namespace

int64_t ProcessRuntime::spawn(os::GuestThread* child, const os::CloneRequest& request) {
  ThreadStart started;
  // The new host thread starts with host signals blocked, until it is a guest thread that
  // can take them.
  os::HostSignalsBlocked blocked;
  try {
    std::thread([this, child, request, &started] {
      thread_body(child, request, &started);
    }).detach();
  } catch (const std::system_error& e) {
    log::warn("clone: cannot start a host thread: {}", e.what());
    return -EAGAIN;
  }
  started.attached.acquire();
  return started.tid;
}

void ProcessRuntime::thread_body(os::GuestThread* thread, os::CloneRequest request, void* started) {
  process_.attach_thread(thread, &request);
  auto* start = static_cast<ThreadStart*>(started);
  start->tid = thread->tid.load();
  start->attached.release();
  const uint64_t none = 0;
  syscall(SYS_rt_sigprocmask, SIG_SETMASK, &none, nullptr, sizeof none);
  Metrics metrics;
  ThreadEnd end;
  {
    Dispatcher dispatcher(process_, options_, metrics, code_changes_, code_pages_.get(), jit_code_,
                          store_.get());
    end = dispatcher.run(thread->state);
  }
  {
    std::lock_guard lock(mutex_);
    other_metrics_.merge(metrics);
  }
  if (end.process_ends) end_process(end.result);
  if (process_.detach_thread(thread) == 0) {
    // The last thread: main waits for it, or, in a fork's child made by this thread, there
    // is no main thread and the process ends here.
    std::unique_lock lock(mutex_);
    if (!main_waiting_) {
      lock.unlock();
      end_process(end.result);
    }
    all_ended_.notify_all();
  }
}

void ProcessRuntime::end_process(const RunResult& result) {
  write_stats();
  save_translations();
  std::fflush(stdout);
  if (result.term_signal) die_of_signal(result.term_signal);
  _exit(result.exit_status);
}

void ProcessRuntime::write_stats() {
  if (!options_.stats || forked_child_) return;
  Metrics all = main_metrics_;
  {
    std::lock_guard lock(mutex_);
    all.merge(other_metrics_);
  }
  all.syscalls = process_.syscall_counts();
  const std::string json = all.to_json(engine_name_, std::string(process_.arch().name()));
  if (options_.stats_file.empty()) {
    std::fputs(json.c_str(), stderr);
    return;
  }
  std::FILE* f = std::fopen(options_.stats_file.c_str(), "w");
  if (!f) {
    log::error("cannot write stats to {}", options_.stats_file);
    return;
  }
  std::fputs(json.c_str(), f);
  std::fclose(f);
}

}  // namespace xisa::runtime
