import ReplyLintReporters

/// The reports to write: each `--format` with the `--output` that follows it (stdout otherwise).
struct OutputPlan: Equatable {
    struct Target: Equatable {
        var format: ReportFormat
        var path: String?
    }

    var targets: [Target]

    // swift-argument-parser collects repeated options into separate arrays and does not keep
    // their relative order, so the pairing of --format and --output is read from argv itself.
    /// Pairs formats and outputs as they appear in `arguments`.
    static func pairing(arguments: [String]) throws -> OutputPlan {
        var targets: [Target] = []
        var index = 0
        func value(_ name: String, _ token: String) -> String? {
            if token.hasPrefix(name + "=") { return String(token.dropFirst(name.count + 1)) }
            if token == name, index + 1 < arguments.count { index += 1; return arguments[index] }
            return nil
        }
        while index < arguments.count {
            let token = arguments[index]
            if token == "--" { break }
            if let name = value("--format", token) ?? value("-f", token) {
                guard let format = ReportFormat(rawValue: name) else { throw OutputPlanError.unknownFormat(name) }
                targets.append(Target(format: format, path: nil))
            } else if let path = value("--output", token) ?? value("-o", token) {
                if let last = targets.indices.last, targets[last].path == nil {
                    targets[last].path = path
                } else {
                    targets.append(Target(format: .text, path: path))
                }
            }
            index += 1
        }
        if targets.isEmpty { targets = [Target(format: .text, path: nil)] }
        return OutputPlan(targets: targets)
    }
}

/// A `--format` value that no reporter has.
enum OutputPlanError: Error, Equatable {
    case unknownFormat(String)
}
