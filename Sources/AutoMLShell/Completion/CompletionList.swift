/// One completion before quoting: the text it stands for, how it is listed, whether a space follows.
struct CompletionValue: Equatable {
    var text: String
    var display: String?
    var appendsSpace: Bool = true
}

/// Candidates being gathered, kept sorted by text (UTF-8 byte order), with how many matches were left out.
struct CompletionList {
    private(set) var values: [CompletionValue] = []
    /// Matches not in `values`.
    private(set) var omitted = 0
    /// When some were omitted: the longest prefix the texts of all matches share, shown or not.
    private(set) var sharedPrefix = ""

    init() {}

    /// A list of `values` (any order), capped at `limit`.
    init(_ values: [CompletionValue], limit: Int) {
        var seen: Set<String> = []
        let unique = values.filter { seen.insert($0.text).inserted }
        let sorted = unique.sorted { UTF8Order.less($0.text, $1.text) }
        if sorted.count > limit, let first = sorted.first, let last = sorted.last {
            omitted = sorted.count - limit
            sharedPrefix = UTF8Order.commonPrefix(first.text, last.text)
        }
        self.values = Array(sorted.prefix(limit))
    }

    /// A list already sorted and capped by the resource index.
    init(sorted values: [CompletionValue], total: Int, sharedPrefix: String) {
        self.values = values
        omitted = max(0, total - values.count)
        self.sharedPrefix = omitted > 0 ? sharedPrefix : ""
    }

    /// Both lists in one, capped at `limit`.
    func merged(with other: CompletionList, limit: Int) -> CompletionList {
        if other.values.isEmpty && other.omitted == 0 { return capped(limit) }
        if values.isEmpty && omitted == 0 { return other.capped(limit) }
        var result = CompletionList(values + other.values, limit: limit)
        let hidden = omitted + other.omitted
        if hidden > 0 {
            let texts =
                (values + other.values).map(\.text)
                + [self, other].filter { $0.omitted > 0 }.map(\.sharedPrefix)
            result.omitted += hidden
            result.sharedPrefix = texts.dropFirst().reduce(texts.first ?? "") { UTF8Order.commonPrefix($0, $1) }
        }
        return result
    }

    private func capped(_ limit: Int) -> CompletionList {
        guard values.count > limit else { return self }
        var result = self
        result.values = Array(values.prefix(limit))
        result.omitted += values.count - limit
        if omitted == 0, let first = values.first, let last = values.last {
            result.sharedPrefix = UTF8Order.commonPrefix(first.text, last.text)
        }
        return result
    }
}
