// TEMPORARY
#include "linux/linux_process.h"
#include "common/error.h"
namespace xisa::os {
struct LinuxProcess::Impl {};
LinuxProcess::LinuxProcess(const GuestArch& arch, ProcessConfig config) : arch_(arch), config_(std::move(config)) {}
LinuxProcess::~LinuxProcess() = default;
StartInfo LinuxProcess::load(const std::vector<std::string>&, const std::vector<std::string>&) { throw Error("loader not written"); }
SyscallOutcome LinuxProcess::syscall(void*) { return {true, 0}; }
}
