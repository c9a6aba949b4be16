import ReplyLintCore
@testable import ReplyLintReaders
import Testing

/// Readers reuse a record's field storage for the next record once the handler is done with it.
/// A handler that keeps its records must still see each with its own fields, and one that keeps
/// nothing must see what a keeping one sees, failures between records included.
@Suite struct FieldStorageReuseTests {
    private static let lines = """
    {"id":"1","handling":"第一条","acceptedAt":"2024-01-01 12:28"}
    {"id":"2","handling":"第二条","extra":"x","acceptedAt":"2024-01-01 12:29"}
    {"id":"3","handling":"断
    {"id":"4"}

    {"id":"5","handling":"第五条","a":"1","b":"2","c":"3","d":"4","e":"5","f":"6","g":"7","h":"8"}

    """

    private func describe(_ event: ReaderEvent) -> String {
        switch event {
        case .record(let record):
            return "\(record.index):" + record.fields.map { "\($0.name)=\($0.value.text)" }.joined(separator: ",")
        case .failure(let failure):
            return "failure \(failure.recordIndex ?? -1)@\(failure.position.line):\(failure.position.column)"
        }
    }

    /// What `read` hands over, described at once (the handler keeps nothing) and described after
    /// reading (the handler kept every event).
    private func seen(_ read: ((ReaderEvent) -> Void) -> Void) -> (atOnce: [String], kept: [String]) {
        var atOnce: [String] = []
        read { atOnce.append(describe($0)) }
        var events: [ReaderEvent] = []
        read { events.append($0) }
        return (atOnce, events.map(describe))
    }

    @Test func jsonLinesRecordsKeepTheirOwnFields() {
        let seen = seen { JSONLinesReader().read(from: ByteSource(bytes: Array(Self.lines.utf8)), $0) }
        #expect(seen.atOnce == seen.kept)
        #expect(seen.kept == [
            "0:id=1,handling=第一条,acceptedAt=2024-01-01 12:28",
            "1:id=2,handling=第二条,extra=x,acceptedAt=2024-01-01 12:29",
            "failure 2@3:22",
            "3:id=4",
            "4:id=5,handling=第五条,a=1,b=2,c=3,d=4,e=5,f=6,g=7,h=8",
        ])
    }

    @Test func jsonArrayRecordsKeepTheirOwnFields() {
        let array = #"[{"id":"1","h":"甲"},{"id":"2"},{"id":"3","h":"丙","x":"1","y":"2","z":"3","w":"4","v":"5","u":"6","t":"7"}]"#
        let seen = seen { JSONReader().read(from: ByteSource(bytes: Array(array.utf8)), $0) }
        #expect(seen.atOnce == seen.kept)
        #expect(seen.kept == ["0:id=1,h=甲", "1:id=2", "2:id=3,h=丙,x=1,y=2,z=3,w=4,v=5,u=6,t=7"])
    }

    @Test func csvRecordsKeepTheirOwnFields() {
        let csv = "id,handling,acceptedAt\n1,第一条,2024-01-01 12:28\n2,\"第二\"\"条\",\n3,a,b,c\n4,第四条,2024-01-01 12:29\n"
        let seen = seen { CSVReader().read(from: ByteSource(bytes: Array(csv.utf8)), $0) }
        #expect(seen.atOnce == seen.kept)
        #expect(seen.kept == [
            "0:id=1,handling=第一条,acceptedAt=2024-01-01 12:28",
            "1:id=2,handling=第二\"条,acceptedAt=",
            "failure 2@4:7",
            "3:id=4,handling=第四条,acceptedAt=2024-01-01 12:29",
        ])
    }
}
