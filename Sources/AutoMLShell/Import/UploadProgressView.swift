import Foundation

/// Shows an upload's progress: on a terminal a line rewritten in place (files, bytes, time left), at most ten times
/// a second; elsewhere nothing until the summary, so piped output stays short.
struct UploadProgressView {
    let output: ShellOutput
    let title: String
    private var lastDrawn: ContinuousClock.Instant?

    init(output: ShellOutput, title: String) {
        self.output = output
        self.title = title
    }

    mutating func show(_ progress: ImageUploader.Progress) {
        guard output.interactive else { return }
        let now = ContinuousClock.now
        if let lastDrawn, now - lastDrawn < .milliseconds(100), progress.files < progress.totalFiles { return }
        lastDrawn = now
        output.standardError("\r\u{1B}[2K" + String(Self.line(title, progress).prefix(max(20, output.width - 1))))
    }

    /// Clears the live line (before an error or the summary).
    func clear() {
        if output.interactive, lastDrawn != nil { output.standardError("\r\u{1B}[2K") }
    }

    /// `uploading flowers: 312/1000 files, 4.1 of 13.2 MB, about 3 s left`.
    static func line(_ title: String, _ progress: ImageUploader.Progress) -> String {
        var line =
            "uploading \(title): \(progress.files)/\(progress.totalFiles) files, "
            + "\(ByteCount.describe(progress.bytes)) of \(ByteCount.describe(progress.totalBytes))"
        let seconds =
            Double(progress.elapsed.components.seconds)
            + Double(progress.elapsed.components.attoseconds) / 1e18
        if progress.bytes > 0, progress.bytes < progress.totalBytes, seconds >= 0.5 {
            let left = seconds * Double(progress.totalBytes - progress.bytes) / Double(progress.bytes)
            line += ", about \(DurationWords.describe(seconds: left)) left"
        }
        return line
    }

    /// `uploaded 998 files (13.2 MB) to gs://automl-shell/imports/flowers/ in 2.1 s; 2 were there already`.
    static func summary(_ progress: ImageUploader.Progress, to destination: String) -> String {
        let sent = progress.files - progress.unchanged
        let seconds =
            Double(progress.elapsed.components.seconds)
            + Double(progress.elapsed.components.attoseconds) / 1e18
        var text = "uploaded \(sent) file\(sent == 1 ? "" : "s")"
        if sent > 0 { text += " (\(ByteCount.describe(progress.sentBytes)))" }
        text += " to \(destination) in \(String(format: "%.1f", seconds)) s"
        if progress.unchanged > 0 {
            text += "; \(progress.unchanged) \(progress.unchanged == 1 ? "was" : "were") there already"
        }
        return text
    }
}

/// Byte counts for people: `812 B`, `4.1 KB`, `13.2 MB`, `1.4 GB` (powers of 1000, as Cloud Storage's console).
enum ByteCount {
    static func describe(_ bytes: Int64) -> String {
        if bytes < 1000 { return "\(bytes) B" }
        let units = ["KB", "MB", "GB", "TB"]
        var value = Double(bytes) / 1000
        var unit = 0
        while value >= 999.95, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return String(format: "%.1f", value) + " " + units[unit]
    }
}

/// Times left for people: `3 s`, `2 min`, `1 h 5 min`.
enum DurationWords {
    static func describe(seconds: Double) -> String {
        let whole = max(1, Int(seconds.rounded(.up)))
        if whole < 60 { return "\(whole) s" }
        if whole < 3600 { return "\((whole + 30) / 60) min" }
        return "\(whole / 3600) h \((whole % 3600) / 60) min"
    }
}
