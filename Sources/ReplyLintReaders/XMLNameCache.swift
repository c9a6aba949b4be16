#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Element names as Strings, made once per distinct name rather than once per element:
/// libxml2 keeps names in its dictionary, so the same name comes back at the same address. The
/// bytes are compared too, so a reused address can never give a wrong name.
struct XMLNameCache {
    /// The names made so far with libxml2's address of each: a short list searched by address,
    /// cheaper than hashing the address into a dictionary.
    private var entries: [(address: UnsafeRawPointer, bytes: [UInt8], name: String)] = []
    /// The slot of the last name taken: the records of an export list their fields in the same
    /// order, so the next name is usually in the next slot.
    private var lastSlot = -1

    /// The NUL-terminated name at `pointer` as a String (empty for `nil`).
    mutating func name(_ pointer: UnsafePointer<UInt8>?) -> String {
        guard let pointer else { return "" }
        return name(pointer, count: strlen(UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self)))
    }

    /// `name(_:)` for a NUL-terminated name whose length `count` the caller knows.
    mutating func name(_ pointer: UnsafePointer<UInt8>, count: Int) -> String {
        let key = UnsafeRawPointer(pointer)
        let next = lastSlot + 1
        let slot = next < entries.count && entries[next].address == key ? next : entries.firstIndex { $0.address == key }
        // Lengths first, so the C string is never read past its terminator.
        if let slot, entries[slot].bytes.count == count,
           entries[slot].bytes.withUnsafeBufferPointer({ $0.isEmpty || memcmp(pointer, $0.baseAddress!, count) == 0 }) {
            lastSlot = slot
            return entries[slot].name
        }
        let bytes = Array(UnsafeBufferPointer(start: pointer, count: count))
        let name = String(decoding: bytes, as: UTF8.self)
        if let slot {
            entries[slot] = (key, bytes, name)
            lastSlot = slot
        } else {
            // Bounded: a file with endlessly many distinct names must not grow memory or the search.
            if entries.count >= 64 { entries.removeAll(keepingCapacity: true) }
            entries.append((key, bytes, name))
            lastSlot = entries.count - 1
        }
        return name
    }
}
