#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What computes a run's bits besides its configuration: the BLAS library and version, its
/// kernel family and thread count, the CPU architecture and the C library (whose `exp` and
/// `log` the elementary functions use). The same run under two environments can differ in its
/// last bits (SkylakeX and Haswell kernels sum a product in another order), so a cached result
/// is only reused under the environment that computed it.
public struct NumericEnvironment: Codable, Hashable, Sendable, CustomStringConvertible {
    /// "OpenBLAS 0.3.21".
    public var blas: String
    /// OpenBLAS's kernel family ("Haswell", "SkylakeX").
    public var kernels: String
    public var blasThreads: Int
    /// "x86_64", "aarch64".
    public var architecture: String
    /// "glibc 2.36".
    public var libc: String

    /// - Parameters:
    ///   - blas: the BLAS library and version.
    ///   - kernels: its kernel family.
    ///   - blasThreads: the threads it splits a large product over.
    ///   - architecture: the CPU architecture.
    ///   - libc: the C library and version.
    public init(blas: String, kernels: String, blasThreads: Int, architecture: String, libc: String) {
        (self.blas, self.kernels, self.blasThreads, self.architecture, self.libc) = (
            blas, kernels, blasThreads, architecture, libc
        )
    }

    /// This process's environment as it is now (call it after pinning the BLAS threads).
    public static var current: NumericEnvironment {
        let words = BLASLibrary.configuration.split(separator: " ")
        return NumericEnvironment(
            blas: words.prefix(2).joined(separator: " "), kernels: BLASLibrary.coreName,
            blasThreads: BLASLibrary.threadLimit, architecture: machine, libc: libraryVersion)
    }

    public var description: String {
        "\(blas), \(kernels) kernels, \(blasThreads) BLAS thread\(blasThreads == 1 ? "" : "s"), \(architecture), \(libc)"
    }

    private static var machine: String {
        var name = utsname()
        uname(&name)
        return withUnsafeBytes(of: &name.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }

    private static var libraryVersion: String {
        #if canImport(Glibc)
            var buffer = [CChar](repeating: 0, count: 64)
            let length = confstr(Int32(_CS_GNU_LIBC_VERSION), &buffer, buffer.count)
            return length > 0 ? String(cString: buffer) : "glibc (version unknown)"
        #else
            return "libSystem"
        #endif
    }
}
