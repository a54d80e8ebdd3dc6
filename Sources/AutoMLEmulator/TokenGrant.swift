/// A configured token, possibly limited to one project (`TOKEN@PROJECT`).
struct TokenGrant {
    var token: String
    var project: String?

    init?(_ text: String) {
        let parts = text.split(separator: "@", maxSplits: 1).map(String.init)
        guard let token = parts.first, !token.isEmpty else { return nil }
        self.token = token
        project = parts.count > 1 ? parts[1] : nil
    }
}
