import Foundation
import ReplyLintReaders

/// Expands the paths given on the command line into input files: files as given, folders
/// searched recursively for known extensions (sorted, hidden entries skipped).
struct InputCollector {
    /// An input to read.
    enum Input: Equatable {
        case file(path: String, format: InputFormat?)
        case standardInput(name: String, format: InputFormat?)

        /// The name reports give the input.
        var name: String {
            switch self {
            case let .file(path, _): return path
            case let .standardInput(name, _): return name
            }
        }
    }

    /// A path that cannot be read.
    struct Missing: Error, Equatable {
        var path: String
    }

    var ignore: [String] = []

    func collect(_ paths: [String], forced: InputFormat?) -> (inputs: [Input], missing: [Missing]) {
        var inputs: [Input] = []
        var missing: [Missing] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                missing.append(Missing(path: path))
                continue
            }
            if !isDirectory.boolValue {
                inputs.append(.file(path: path, format: forced ?? InputFormat(path: path)))
                continue
            }
            var found: [String] = []
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            if let enumerator = manager.enumerator(atPath: path) {
                for case let relative as String in enumerator {
                    let name = (relative as NSString).lastPathComponent
                    if name.hasPrefix(".") || name == "node_modules" {
                        enumerator.skipDescendants()
                        continue
                    }
                    let full = base == "." ? relative : base + "/" + relative
                    if InputFormat(path: relative) != nil, !isIgnored(full) { found.append(full) }
                }
            }
            inputs += found.sorted().map { .file(path: $0, format: forced ?? InputFormat(path: $0)) }
        }
        return (inputs, missing)
    }

    private func isIgnored(_ path: String) -> Bool {
        ignore.contains { pattern in fnmatch(pattern, path, 0) == 0 || fnmatch(pattern, (path as NSString).lastPathComponent, 0) == 0 }
    }
}
