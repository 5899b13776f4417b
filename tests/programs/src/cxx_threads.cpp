// C++ threads: exceptions thrown and caught inside std::threads (unwinding on each thread's
// own stack), std::exception_ptr carried to another thread and rethrown there, std::async and
// futures, thread_local objects with destructors, std::mutex and std::condition_variable.
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <future>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

std::atomic<int> destroyed{0};
struct Tracked {
  int id = 0;
  ~Tracked() {
    if (id) destroyed.fetch_add(1);
  }
};
thread_local Tracked tracked;

int thrower(int depth, int id) {
  Tracked local{id};
  if (depth == 0) throw std::runtime_error("thread " + std::to_string(id));
  return thrower(depth - 1, id) + 1;
}

}  // namespace

int main() {
  std::vector<std::thread> threads;
  std::mutex m;
  std::vector<std::string> caught(8);
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([i, &m, &caught] {
      tracked.id = 100 + i;
      try {
        thrower(10 + i, i);
      } catch (const std::exception& e) {
        std::lock_guard lock(m);
        caught[i] = e.what();
      }
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& c : caught) std::printf("caught: %s\n", c.c_str());
  // 8 thread_local objects plus 8 * (depth + 1) locals unwound.
  std::printf("destructors run: %d\n", destroyed.load());

  std::exception_ptr carried;
  std::thread producer([&carried] {
    try {
      throw std::out_of_range("made on another thread");
    } catch (...) {
      carried = std::current_exception();
    }
  });
  producer.join();
  try {
    std::rethrow_exception(carried);
  } catch (const std::out_of_range& e) {
    std::printf("rethrown in main: %s\n", e.what());
  }

  auto fut = std::async(std::launch::async, [] {
    throw std::logic_error("from std::async");
    return 1;
  });
  try {
    fut.get();
  } catch (const std::logic_error& e) {
    std::printf("future: %s\n", e.what());
  }

  std::condition_variable cv;
  int stage = 0;
  std::thread waiter([&] {
    std::unique_lock lock(m);
    cv.wait(lock, [&] { return stage == 1; });
    stage = 2;
    cv.notify_all();
  });
  {
    std::unique_lock lock(m);
    stage = 1;
    cv.notify_all();
    cv.wait(lock, [&] { return stage == 2; });
  }
  waiter.join();
  std::printf("condition_variable: stage %d\n", stage);
  return 0;
}
