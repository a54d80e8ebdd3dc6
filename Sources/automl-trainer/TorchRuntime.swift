internal import CAutoMLTorch

/// Process-wide libtorch set-up (threads, malloc tuning); the local backend also sets OMP_WAIT_POLICY=PASSIVE
/// in the worker's environment, which must be in place before the process starts.
enum TorchRuntime {
    static func configure(threads: Int) {
        amt_runtime_configure(Int32(max(1, threads)))
    }
}
