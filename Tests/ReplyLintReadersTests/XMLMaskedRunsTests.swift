import ReplyLintCore
@testable import ReplyLintReaders
import Testing

/// `XMLMaskedRuns`: which runs are masked, how, and how libxml2's columns are mapped back.
@Suite struct XMLMaskedRunsTests {
    /// The masked bytes of `text`, or `nil` when it stays as it is.
    func masked(_ text: String) -> (bytes: [UInt8], shape: XMLMaskedRuns.Shape)? {
        var bytes = Array(text.utf8)
        guard let shape = bytes.withUnsafeBufferPointer({ XMLMaskedRuns.check($0.baseAddress!, count: $0.count) }) else {
            return nil
        }
        bytes.withUnsafeMutableBufferPointer { XMLMaskedRuns.maskAll($0.baseAddress!, count: $0.count) }
        return (bytes, shape)
    }

    /// `text` as libxml2 gets it when it is handed over in `handed` bytes, and what `keep` needs.
    func kept(_ text: String) -> (bytes: [UInt8], shape: XMLMaskedRuns.Shape, handed: Int) {
        let result = masked(text)!
        return (Array(text.utf8), result.shape, result.shape.lineFeeds == 0 ? 1 : result.bytes.count)
    }

    @Test func masksEveryNonASCIIByteAndKeepsTheRest() throws {
        for text in ["中", "中文", "经核实，客户已撤诉。", "2024年01月02日 处理人：赵磊", "a\tb\n中\n文x", String(repeating: "一a", count: 17)] {
            let result = try #require(masked(text), "\(text)")
            let expected = text.utf8.map { $0 >= 0x80 ? UInt8(ascii: "x") : $0 }
            #expect(result.bytes == expected, "\(text)")
            #expect(result.shape.lineFeeds == text.utf8.filter { $0 == 0x0A }.count)
            if let last = Array(text.utf8).lastIndex(of: 0x0A) { #expect(result.shape.lastLineStart == last + 1) }
        }
    }

    @Test func countsCharacters() {
        for text in ["", "a", "中", "abcdefgh", "中文中文中文", "一a二b三c四d五e", "𠀀x，\n"] {
            let count = Array(text.utf8).withUnsafeBufferPointer { XMLMaskedRuns.characters($0) }
            #expect(count == text.unicodeScalars.count, "\(text)")
        }
    }

    @Test func leavesRunsLibxml2MustSeeAsTheyAre() {
        // No non-ASCII byte, or a character libxml2 stops at or rejects, anywhere in the run
        // (also in the eight-byte words, at their ends and across them).
        var kept = ["", "abc", "2024-01-01 12:28", "95100000000001"]
        for bad in ["\u{FFFE}", "\u{FFFF}", "\u{FFC0}", "\u{FFFD}", "&", ">", "]]>", "\r", "\u{1}", "\u{1F}"] {
            for prefix in ["", "a", "ab", "abcde", "abcdef", "中", "中文", "中文一", "中文中文中", "一二三四五六七", "abcdefg", "abcdefgh中"] {
                kept.append(prefix + bad + "文")
                kept.append(prefix + "文" + bad)
                // The bad character in a word rather than in the bytes after the last word.
                kept.append(prefix + bad + "文文文文")
            }
        }
        for text in kept { #expect(masked(text) == nil, "\(text.unicodeScalars.map { $0.value })") }
        // U+FFxx other than those (fullwidth forms) is masked.
        #expect(masked("，！（）～\u{FFBE}") != nil)
    }

    @Test func keepsOriginalsAndMapsColumnsBack() {
        var runs = XMLMaskedRuns()
        // `<f>中文</f><g>一二三</g>` on line 1: runs at columns 4 and 11, each handed over as
        // one byte (libxml2 sees `<f>x</f><g>x</g>`).
        for (tag, text, column) in [(1, "中文", 4), (2, "一二三", 11)] {
            let run = kept(text)
            #expect(run.handed == 1)
            run.bytes.withUnsafeBufferPointer { runs.keep(tag: tag, original: $0, handed: 1, start: at(1, column), shape: run.shape) }
        }
        // libxml2's `</g>` ends at its column 17, which is column 20 of the text.
        #expect(runs.column(17, line: 1) == 20)
        #expect(runs.column(9, line: 1) == 10)
        #expect(runs.column(3, line: 1) == 3)
        #expect(runs.column(17, line: 2) == 17)
        #expect(runs.take(tag: 0) == nil)
        let run = runs.take(tag: 2)!
        #expect(runs.take(tag: 2) == nil)
        var bytes = [UInt8](repeating: 0, count: run.count)
        bytes.withUnsafeMutableBufferPointer { runs.copy(run, to: $0.baseAddress!) }
        #expect(bytes == Array("一二三".utf8))
        #expect(run.handed == 1)
        runs.discard(below: 3, line: 2)
        #expect(runs.column(17, line: 1) == 17)
    }

    @Test func multiLineRunsCountFromTheirLastLine() {
        var runs = XMLMaskedRuns()
        let run = kept("上\n中文")
        #expect(run.handed == 10)
        run.bytes.withUnsafeBufferPointer { runs.keep(tag: 0, original: $0, handed: run.handed, start: at(3, 9), shape: run.shape) }
        // On line 4 the run's last part takes libxml2 columns 1 to 6 for 2 characters.
        #expect(runs.column(10, line: 4) == 6)
        #expect(runs.column(10, line: 3) == 10)
    }
}
