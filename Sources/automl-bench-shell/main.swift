// The Tab benchmark of benchmarks/shell.sh: the interactive shell's completer over a cache of COUNT models and
// COUNT datasets, timed line by line, beside a floor of plain `hasPrefix` scans over COUNT strings.
//
//   automl-bench-shell tab CACHE_HOME COUNT ROUNDS
//
// Writes the catalog as the cache file of the local server's scope under CACHE_HOME/automl (the file the shell
// reads before its first prompt; the script starts `automl` on it too), loads it back as the shell does, then calls
// the completer the shell installs (`ShellTabCompletionBenchmark`, the same `ShellCompletion.completer`) and what the
// line reader does with its answer before writing to the terminal. The first call, which builds the command tree,
// is timed apart. Then ROUNDS rounds, each timing every line once and, interleaved, its floor once.
// Prints `key=value` lines for the script.
import AutoMLShell
import Foundation
import Synchronization

/// Refreshes the completer started (the cache is fresh, so none are expected); they fail at once.
enum Refreshes {
    static let count = Atomic<Int>(0)
}

struct ListingRefused: Error {}

/// Monotonic nanoseconds.
func now() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

func milliseconds(_ nanoseconds: UInt64) -> Double { Double(nanoseconds) / 1e6 }

/// The nearest-rank percentile `p` (0…1) of `samples`, in milliseconds.
func percentile(_ samples: [UInt64], _ p: Double) -> Double {
    let sorted = samples.sorted()
    let rank = min(sorted.count - 1, max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1))
    return milliseconds(sorted[rank])
}

func format(_ value: Double) -> String { String(format: "%.3f", value) }

/// SplitMix64: the same IDs at every run.
struct SplitMix {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// `count` entries with AutoML-like IDs (`ICN` and 19 digits) and display names such as `tulips_1236`.
func entries(count: Int, seed: UInt64) -> [ResourceEntry] {
    let words = ["flowers", "fruits", "cars", "birds", "dogs", "cats", "tulips", "roses", "shapes", "digits"]
    var random = SplitMix(state: seed)
    return (0..<count).map { index in
        let digits = 1_000_000_000_000_000_000 + random.next() % 8_000_000_000_000_000_000
        return ResourceEntry(id: "ICN\(digits)", displayName: "\(words[index % words.count])_\(index)")
    }
}

let arguments = CommandLine.arguments
guard arguments.count == 5, arguments[1] == "tab", let count = Int(arguments[3]), let rounds = Int(arguments[4]),
    count > 0, rounds > 0
else {
    FileHandle.standardError.write(Data("usage: automl-bench-shell tab CACHE_HOME COUNT ROUNDS\n".utf8))
    exit(2)
}
let cacheHome = arguments[2]

// ---- The cache file, written and read as the shell does ---------------------------------------------------
let models = entries(count: count, seed: 1)
let datasets = entries(count: count, seed: 2)
let scope = ResourceScope(context: SessionContext())
let store = ResourceCacheStore(directory: cacheHome + "/automl")
var catalog = ResourceCatalog()
var started = now()
catalog.replace(.model, with: models, fetchedAt: Date())
catalog.replace(.dataset, with: datasets, fetchedAt: Date())
let indexTime = now() - started
started = now()
if let warning = store.save(catalog, for: scope) {
    FileHandle.standardError.write(Data("\(warning)\n".utf8))
    exit(1)
}
let saveTime = now() - started
let fileBytes = (try? FileManager.default.attributesOfItem(atPath: store.path(for: scope))[.size] as? Int) ?? 0
let cache = ResourceCache(scope: scope, store: store)
started = now()
if let warning = cache.load() {
    FileHandle.standardError.write(Data("\(warning)\n".utf8))
    exit(1)
}
let loadTime = now() - started
guard cache.snapshot.count(.model) == count, cache.snapshot.count(.dataset) == count else {
    FileHandle.standardError.write(Data("the cache read back holds other counts\n".utf8))
    exit(1)
}
print(
    "cache scope=\(scope) models=\(count) datasets=\(count) file_bytes=\(fileBytes) "
        + "index_ms=\(format(milliseconds(indexTime))) save_ms=\(format(milliseconds(saveTime))) "
        + "load_ms=\(format(milliseconds(loadTime)))")

// ---- The lines --------------------------------------------------------------------------------------------
let sortedModelIDs = models.map(\.id).sorted()
let uniquePrefix = String(sortedModelIDs[count / 2].prefix(12))
let lines: [(name: String, line: String, floor: [String])] = [
    ("ID prefix", "model get ICN12", models.map(\.id)),
    ("every ID", "use model ICN", models.map(\.id)),
    ("display-name prefix, datasets", "use dataset fl", datasets.map(\.id)),
    ("empty prefix", "model get ", models.map(\.id)),
    ("unique ID prefix", "model get \(uniquePrefix)", models.map(\.id)),
    ("display-name prefix, other case", "model get Tulips_123", models.map(\.id)),
]
let width = 120
let completer = ShellTabCompletionBenchmark.completer(cache: cache) { _, _ in
    Refreshes.count.add(1, ordering: .relaxed)
    throw ListingRefused()
}

var sink = 0

@MainActor
/// One Tab: the completer's answer, then what the line reader makes of it. Nanoseconds for both and for the answer.
func tab(_ line: String) -> (total: UInt64, completer: UInt64, candidates: Int) {
    let start = now()
    let result = completer(line, line.utf8.count)
    let answered = now()
    sink &+= ShellTabCompletionBenchmark.lineEdit(for: result, line: line, width: width)
    let end = now()
    return (end - start, answered - start, result.candidates.count)
}

@MainActor
/// The floor: one linear scan of `strings` with `hasPrefix`, keeping the first 200 matches as the engine does.
func floorScan(_ strings: [String], prefix: String) -> UInt64 {
    let start = now()
    var shown: [String] = []
    shown.reserveCapacity(200)
    var found = 0
    for string in strings where string.hasPrefix(prefix) {
        found += 1
        if shown.count < 200 { shown.append(string) }
    }
    sink &+= found + shown.count
    return now() - start
}

// The first Tab of a session builds the command tree (LazyTree); a second one right after, for comparison.
let first = tab(lines[0].line)
let second = tab(lines[0].line)
print(
    "first_tab ms=\(format(milliseconds(first.total))) second_ms=\(format(milliseconds(second.total))) "
        + "line=\"\(lines[0].line)\"")

var tabTimes = Array(repeating: [UInt64](), count: lines.count)
var completerTimes = Array(repeating: [UInt64](), count: lines.count)
var floorTimes = Array(repeating: [UInt64](), count: lines.count)
var candidateCounts = Array(repeating: 0, count: lines.count)
let prefixes = lines.map { String($0.line.split(separator: " ", omittingEmptySubsequences: false).last ?? "") }
let benchmarkStart = now()
for _ in 0..<rounds {
    for (index, line) in lines.enumerated() {
        let measured = tab(line.line)
        tabTimes[index].append(measured.total)
        completerTimes[index].append(measured.completer)
        candidateCounts[index] = measured.candidates
        floorTimes[index].append(floorScan(line.floor, prefix: prefixes[index]))
    }
}
let benchmarkSeconds = Double(now() - benchmarkStart) / 1e9

for (index, line) in lines.enumerated() {
    let matches = cache.snapshot.matches(
        line.line.hasPrefix("use dataset") ? .dataset : .model,
        prefix: prefixes[index], limit: 0
    ).total
    print(
        "line name=\"\(line.name)\" text=\"\(line.line)\" matches=\(matches) candidates=\(candidateCounts[index]) "
            + "tab_p50=\(format(percentile(tabTimes[index], 0.5))) tab_p99=\(format(percentile(tabTimes[index], 0.99))) "
            + "tab_max=\(format(percentile(tabTimes[index], 1))) "
            + "completer_p99=\(format(percentile(completerTimes[index], 0.99))) "
            + "floor_p50=\(format(percentile(floorTimes[index], 0.5))) floor_p99=\(format(percentile(floorTimes[index], 0.99)))"
    )
}
let allTabs = tabTimes.flatMap { $0 }
let allFloors = floorTimes.flatMap { $0 }
print(
    "mix samples=\(allTabs.count) tab_p50=\(format(percentile(allTabs, 0.5))) "
        + "tab_p99=\(format(percentile(allTabs, 0.99))) tab_max=\(format(percentile(allTabs, 1))) "
        + "completer_p99=\(format(percentile(completerTimes.flatMap { $0 }, 0.99))) "
        + "floor_p50=\(format(percentile(allFloors, 0.5))) floor_p99=\(format(percentile(allFloors, 0.99))) "
        + "floor_max=\(format(percentile(allFloors, 1)))")
print(
    "refreshes=\(Refreshes.count.load(ordering: .relaxed)) seconds=\(String(format: "%.1f", benchmarkSeconds)) sink=\(sink)"
)
