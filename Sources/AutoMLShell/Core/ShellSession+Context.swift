import Foundation

extension ShellSession {
    /// Changes the current dataset, model or operation, the format or on-error, within the current scope; a run
    /// that persists saves what changed.
    func update(_ change: (inout SessionContext) -> Void) {
        var next = context
        change(&next)
        commit(next)
    }

    /// Moves to another endpoint, project or location (nil leaves one as it is; `.some(nil)` is the local
    /// backend, or no project): the dataset, model and operation become those last current there (as saved, or as
    /// this run left them), so coming back to a project finds its place again. A run that persists saves the
    /// values given, even when its flags had already chosen them.
    func move(endpoint: String?? = nil, project: String?? = nil, location: String? = nil) {
        if persists, let latest = store?.load() { saved = latest }
        var next = context
        if let endpoint { next.endpoint = endpoint }
        if let project { next.project = project }
        if let location { next.location = location }
        if ResourceScope(context: next) != ResourceScope(context: context) { saved.fillResources(of: &next) }
        var explicit = SavedSessionChange.Defaults()
        (explicit.endpoint, explicit.project, explicit.location) = (endpoint, project, location)
        commit(next, explicit: explicit)
    }

    /// Sets or clears the staging bucket (`set bucket`, `unset bucket`); saved by a run that persists.
    func setBucket(_ bucket: String?) {
        var next = context
        next.bucket = bucket
        var explicit = SavedSessionChange.Defaults()
        explicit.bucket = .some(bucket)
        commit(next, explicit: explicit)
    }

    /// Sets the output format (`set format`); saved by a run that persists, even when `--format` had chosen it.
    func setFormat(_ format: OutputFormat) {
        var next = context
        next.format = format
        commit(next, explicit: SavedSessionChange.Defaults(format: format))
    }

    /// Makes `next` the context: records every field that changed (and those set explicitly) in the run's copy of
    /// the saved session (the defaults, or the resources of `next`'s scope), and in the file when the run persists,
    /// leaving the fields nobody changed as other processes saved them.
    private func commit(_ next: SessionContext, explicit: SavedSessionChange.Defaults = .init()) {
        let before = context
        let change = SavedSessionChange(from: before, to: next, explicit: explicit)
        guard next != before || !change.isEmpty else { return }
        context = next
        change.apply(to: &saved)
        if persists, let store, !change.isEmpty {
            if let written = store.update({ change.apply(to: &$0) }) { saved = written }
            if change.touchesResources { noteScopedSave(in: ResourceScope(context: next)) }
        }
        follow(from: before)
    }

    /// Runs one command with flags of its own (`models --format table`, `context --project p`): the context takes
    /// them for that command only. What the command changes itself is kept (a dataset it created, a `use` it ran);
    /// the flags' values are not, and neither is the place of a scope the flags moved to, which the command's
    /// changes were saved under.
    func withOverrides(_ overrides: ContextOverrides, _ body: () async -> Int32) async -> Int32 {
        guard !overrides.isEmpty else { return await body() }
        let outerFormat = commandFormat
        commandFormat = overrides.format
        defer { commandFormat = outerFormat }
        let outer = context
        var inner = outer
        overrides.apply(to: &inner)
        if ResourceScope(context: inner) != ResourceScope(context: outer) { saved.fillResources(of: &inner) }
        context = inner
        follow(from: outer)
        let status = await body()
        let after = context
        var result = outer
        if after.endpoint != inner.endpoint { result.endpoint = after.endpoint }
        if after.project != inner.project { result.project = after.project }
        if after.location != inner.location { result.location = after.location }
        if after.format != inner.format { result.format = after.format }
        if after.bucket != inner.bucket { result.bucket = after.bucket }
        result.continueOnError = after.continueOnError
        if ResourceScope(context: result) == ResourceScope(context: after) {
            (result.dataset, result.model, result.operation) = (after.dataset, after.model, after.operation)
        } else if ResourceScope(context: result) != ResourceScope(context: outer) {
            saved.fillResources(of: &result)
        }
        context = result
        follow(from: after)
        return status
    }

    /// Moves the completion cache with the scope.
    private func follow(from before: SessionContext) {
        let scope = ResourceScope(context: context)
        guard scope != ResourceScope(context: before), let cache else { return }
        cache.switchScope(to: scope)
        if interactive { cache.loadInBackground() }
    }

    /// Says once, when a run saves a current resource for a scope its flags or environment chose, that the
    /// defaults stayed as they were.
    private func noteScopedSave(in scope: ResourceScope) {
        let defaults = ResourceScope(context: saved.context)
        guard scope != defaults, !toldAboutScopedSave, !interactive else { return }
        toldAboutScopedSave = true
        note(
            "note: saved as current for \(scope); runs there start with it, and the defaults stay "
                + "\(defaults) (flags and environment variables are never saved)")
    }
}

/// The fields one context change touched, to be applied to a saved session (the run's copy, then the file).
struct SavedSessionChange {
    /// Defaults to write: nil leaves one as it is.
    struct Defaults {
        var endpoint: String??
        var project: String??
        var location: String?
        var format: OutputFormat?
        var bucket: String??
    }

    var defaults: Defaults
    var scope: ResourceScope
    var dataset: String??
    var model: String??
    var operation: String??

    init(from before: SessionContext, to next: SessionContext, explicit: Defaults = Defaults()) {
        defaults = explicit
        if next.endpoint != before.endpoint { defaults.endpoint = .some(next.endpoint) }
        if next.project != before.project { defaults.project = .some(next.project) }
        if next.location != before.location { defaults.location = next.location }
        if next.format != before.format { defaults.format = next.format }
        if next.bucket != before.bucket { defaults.bucket = .some(next.bucket) }
        scope = ResourceScope(context: next)
        if next.dataset != before.dataset { dataset = .some(next.dataset) }
        if next.model != before.model { model = .some(next.model) }
        if next.operation != before.operation { operation = .some(next.operation) }
    }

    var touchesResources: Bool { dataset != nil || model != nil || operation != nil }

    var isEmpty: Bool {
        !touchesResources && defaults.endpoint == nil && defaults.project == nil && defaults.location == nil
            && defaults.format == nil && defaults.bucket == nil
    }

    func apply(to session: inout SavedSession) {
        if let endpoint = defaults.endpoint { session.endpoint = endpoint }
        if let project = defaults.project { session.project = project }
        if let location = defaults.location { session.location = location }
        if let format = defaults.format { session.format = format }
        if let bucket = defaults.bucket { session.bucket = bucket }
        guard touchesResources else { return }
        session.updatePlace(scope) { place in
            if let dataset { place.dataset = dataset }
            if let model { place.model = model }
            if let operation { place.operation = operation }
        }
    }
}
