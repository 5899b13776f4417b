// The KVM engine: an x86-64 guest thread runs natively in a vCPU of its process's KvmVm; its
// syscalls and exceptions come back as block exits, so the dispatcher serves them through the
// same Linux layer and signal delivery as for the interpreter and the JIT. What the vCPU cannot
// run (an exit the engine does not handle) runs in the JIT from the same state, an instruction
// stretch at a time or, after a failure of the VM, for good.
#pragma once

#include <memory>

#include "runtime/engine.h"

namespace xisa::os {
class LinuxProcess;
}
namespace xisa::runtime {
class CodePageGuard;
}

namespace xisa::kvm {

// Throws KvmUnavailable (kvm_device.h), with the reason, when KVM cannot run this thread.
std::unique_ptr<runtime::Engine> make_kvm_engine(runtime::BlockSource& source,
                                                 const Options& options, runtime::Metrics& metrics,
                                                 runtime::CodePageGuard* code_pages,
                                                 const os::LinuxProcess& process);

}  // namespace xisa::kvm
