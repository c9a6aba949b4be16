import Testing
@testable import ReplyLintCore

/// Decoding a field's text to scalar values once per reply.
@Suite struct ScalarCacheTests {
    @Test func decodingGivesTheUnicodeScalars() {
        for text in ["", "a", "客户，已处理。", "e\u{301}x😀 \r\n１２３", String(repeating: "经核实ab😀", count: 50)] {
            #expect(ScalarCache.decode(text) == text.unicodeScalars.map(\.value), "\(text)")
        }
    }

    @Test func scalarCountSkipsContinuationBytesAtEveryLength() {
        // Lengths around the eight-byte words and the 31-word rounds of the count.
        for repeats in [0, 1, 2, 3, 7, 8, 31, 32, 33, 100, 300] {
            for unit in ["a", "客", "é", "😀", "a客😀é"] {
                var text = String(repeating: unit, count: repeats)
                let count = text.withUTF8 { ScalarCache.scalarCount($0) }
                #expect(count == text.unicodeScalars.count, "\(repeats) × \(unit)")
            }
        }
    }

    @Test func keptScalarsAreAnsweredWithoutDecoding() {
        let cache = ScalarCache()
        var values = FieldValueTable()
        values[.handling] = FieldValue(text: "客户", source: SourceText(start: .start))
        values[.request] = FieldValue(text: "ab", source: SourceText(start: .start))
        values[.customerOpinion] = FieldValue(text: "满意", source: SourceText(start: .start))
        // What was kept is what is answered, for the first field and for later ones.
        cache.keep([1, 2, 3], of: .handling)
        cache.keep([7], of: .request)
        #expect(cache.scalars(of: .handling, in: values) == [1, 2, 3])
        #expect(cache.scalars(of: .request, in: values) == [7])
        #expect(cache.scalars(of: .customerOpinion, in: values) == [0x6EE1, 0x610F])
        // A field without a value has no scalars.
        #expect(cache.scalars(of: .attachments, in: values).isEmpty)
        #expect(cache.withScalars(of: .request, in: values) { Array($0) } == [7])
    }

    @Test func scalarsKeptInTheCallersStorageAreReadInPlaceOrCopied() {
        let cache = ScalarCache()
        var values = FieldValueTable()
        values[.handling] = FieldValue(text: "客户", source: SourceText(start: .start))
        values[.request] = FieldValue(text: "ab", source: SourceText(start: .start))
        let stored: [UInt32] = [1, 2, 3]
        stored.withUnsafeBufferPointer { stored in
            cache.keep(stored, nonHan: nil, of: .handling)
            #expect(cache.withScalars(of: .handling, in: values) { $0.baseAddress == stored.baseAddress && $0.count == 3 })
            #expect(cache.scalars(of: .handling, in: values) == [1, 2, 3])
            // Offsets not listed by the caller are found from the kept scalars (none is Han).
            #expect(cache.withNonHanOffsets(of: .handling, in: values) { Array($0) } == [0, 1, 2])
            // Other fields are decoded as before.
            #expect(cache.withScalars(of: .request, in: values) { Array($0) } == [0x61, 0x62])
        }
    }
}
