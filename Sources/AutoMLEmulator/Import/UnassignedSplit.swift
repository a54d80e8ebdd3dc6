/// Assigns `UNASSIGNED` examples to TRAIN, VALIDATION or TEST, 80% / 10% / 10% (the Vision docs' split, reference
/// 6.6; io.proto's older text says 80/20 train/test, which is not followed).
///
/// The choice depends only on the image path: a 64-bit FNV-1a hash of its UTF-8 bytes, mixed with the SplitMix64
/// finalizer so that paths differing only in their last characters spread evenly, taken modulo 100: 0–79 train,
/// 80–89 validation, 90–99 test. Unlike `Hasher`, which is seeded per process, this is stable across runs, machines
/// and versions, so importing the same CSV again puts every image in the same split.
enum UnassignedSplit {
    /// The split for an `UNASSIGNED` image at `path`: never `.unassigned`.
    static func split(forPath path: String) -> MLUse {
        switch stableHash(path) % 100 {
        case 0..<80: .train
        case 80..<90: .validation
        default: .test
        }
    }

    /// `mlUse` itself, or ``split(forPath:)`` when it is `.unassigned`.
    static func resolve(_ mlUse: MLUse, path: String) -> MLUse {
        mlUse == .unassigned ? split(forPath: path) : mlUse
    }

    /// FNV-1a (64-bit) of the UTF-8 bytes of `text`, followed by the SplitMix64 finalizer.
    static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        hash ^= hash >> 30
        hash &*= 0xBF58_476D_1CE4_E5B9
        hash ^= hash >> 27
        hash &*= 0x94D0_49BB_1331_11EB
        hash ^= hash >> 31
        return hash
    }
}
