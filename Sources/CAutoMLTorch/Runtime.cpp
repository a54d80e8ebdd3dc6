// Process set-up and the thread-local last error.
#include "Internal.h"

#include <malloc.h>

#include <mutex>

namespace {

thread_local std::string last_error;

/// Swallows libtorch warnings: the library never prints.
class QuietWarnings : public c10::WarningHandler {
public:
    void process(const c10::SourceLocation &, const std::string &, const bool) override {}
};

QuietWarnings quiet_handler;
std::once_flag quiet_once;

}  // namespace

namespace amt {

void clear_error() { last_error.clear(); }

void set_error(const std::string &message) { last_error = message.empty() ? "error" : message; }

void ensure_quiet() {
    std::call_once(quiet_once, [] { c10::Warning::set_warning_handler(&quiet_handler); });
}

at::Generator make_generator(uint64_t seed) {
    return at::make_generator<at::CPUGeneratorImpl>(seed);
}

}  // namespace amt

extern "C" {

void amt_runtime_configure(int32_t threads) {
    amt::guarded(0, [&] {
        // glibc returning freed blocks to the OS costs page faults on every batch; keep them.
        // The mmap threshold is capped by glibc at 32 MiB on 64-bit systems (larger values are refused).
        mallopt(M_MMAP_THRESHOLD, 32 << 20);
        mallopt(M_TRIM_THRESHOLD, 1 << 30);
        if (threads > 0) {
            torch::set_num_threads(threads);
        }
        return 0;
    });
}

const char *amt_last_error(void) { return last_error.c_str(); }

}  // extern "C"
