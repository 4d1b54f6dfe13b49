import Foundation

/// A process's memory as Linux reports it in `/proc/<pid>/status`.
struct ProcessMemory: Equatable {
    /// Resident set size now (`VmRSS`), in bytes.
    var residentBytes: Int
    /// Peak resident set size since the process started (`VmHWM`), in bytes.
    var peakResidentBytes: Int

    /// Reads the figures of `pid`; nil when the process is gone or the fields are missing.
    static func read(pid: Int32) -> ProcessMemory? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        var fields: [String: Int] = [:]
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") || line.hasPrefix("VmHWM:") {
            // "VmRSS:\t   23456 kB"
            let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if parts.count >= 2, let kilobytes = Int(parts[1]) { fields[String(parts[0])] = kilobytes * 1024 }
        }
        guard let resident = fields["VmRSS:"], let peak = fields["VmHWM:"] else { return nil }
        return ProcessMemory(residentBytes: resident, peakResidentBytes: peak)
    }

    /// Bytes as whole mebibytes, for messages.
    static func mebibytes(_ bytes: Int) -> String { "\(bytes / (1024 * 1024)) MiB" }
}
