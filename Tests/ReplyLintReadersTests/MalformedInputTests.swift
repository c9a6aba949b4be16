import ReplyLintCore
import ReplyLintReaders
import Testing

/// Truncations and byte corruptions of valid input never crash a reader: every outcome is a
/// record or a positioned failure, and a failure's position lies inside the input.
@Suite struct MalformedInputTests {
    static let sample = Array(#"""
    {"id": "A1", "type": "投诉", "handling": "经核实\u5ba2\u6237已撤诉。\ud83d\ude00", "attachments": [{"name": "a.pdf", "size": "1MB"}, "b.jpg"], "n": -1.5e3, "ok": true, "x": null}
    {"id": "A2", "handling": "第二行\n\"引号\"", "o": {"k": [1, {"z": []}]}}
    """#.utf8)

    static let runner = Runner(packs: [(try? RulePack.builtIn()) ?? RulePack(name: "empty", rules: [])], now: 0)

    func outcomes(_ bytes: [UInt8], lines: Bool) -> (records: Int, failures: [ParseFailure]) {
        var records = 0
        var failures: [ParseFailure] = []
        let reader: any RecordReader = lines ? JSONLinesReader() : JSONReader()
        reader.read(from: ByteSource(bytes: bytes)) { event in
            switch event {
            case .record(let record):
                records += 1
                // The rules must cope with whatever the corruption left in the values.
                _ = Self.runner.diagnostics(for: record, file: "fuzz.jsonl")
            case .failure(let failure): failures.append(failure)
            }
        }
        return (records, failures)
    }

    @Test func everyTruncationIsHandled() {
        let lineCount = Self.sample.filter { $0 == 0x0A }.count + 1
        for cut in 0..<Self.sample.count {
            let prefix = Array(Self.sample[..<cut])
            let result = outcomes(prefix, lines: true)
            #expect(result.records <= 2)
            for failure in result.failures { #expect(failure.position.line <= lineCount) }
            _ = outcomes([UInt8(ascii: "[")] + prefix, lines: false)
        }
    }

    @Test func corruptedBytesAreHandled() {
        var generator = SplitMix64(seed: 0x95598)
        for _ in 0..<2_000 {
            var bytes = Self.sample
            for _ in 0..<Int(generator.next() % 4 + 1) {
                let index = Int(generator.next() % UInt64(bytes.count))
                bytes[index] = UInt8(truncatingIfNeeded: generator.next())
            }
            let result = outcomes(bytes, lines: true)
            #expect(result.records + result.failures.count >= 1)
        }
    }

    /// A small deterministic generator, so that a failure reproduces.
    struct SplitMix64 {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
