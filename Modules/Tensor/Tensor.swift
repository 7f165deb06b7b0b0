/// An n-dimensional array of `Float` or `Double`, stored row-major and contiguous.
///
/// `Tensor` is a value type: copies share storage until one of them is mutated
/// (copy-on-write through Swift's `Array`). Shape-checked operations throw
/// `TensorError` naming both shapes; hot loops run over unsafe buffer pointers.
public struct Tensor<Scalar: TensorScalar>: Equatable, Sendable {
    /// The extent of each dimension; an empty shape is a scalar.
    @inlinable public var shape: [Int] { dimensions }
    /// The elements in row-major order.
    @inlinable public var scalars: [Scalar] { storage }

    @usableFromInline var dimensions: [Int]
    @usableFromInline var storage: [Scalar]

    /// Wraps `scalars` with `shape`, throwing if their counts disagree.
    /// - Parameters:
    ///   - shape: the dimensions.
    ///   - scalars: the elements in row-major order.
    /// - Throws: `TensorError` when the count does not match the shape.
    public init(shape: [Int], scalars: [Scalar]) throws {
        guard ElementCount.of(shape) == scalars.count else {
            throw TensorError.invalidShape(
                operation: "Tensor(shape:scalars:)", shape: shape,
                expected: "a product of dimensions equal to \(scalars.count) elements")
        }
        self.dimensions = shape
        self.storage = scalars
    }

    /// Trusted initialiser for kernels that have already checked the count.
    @inlinable
    init(uncheckedShape shape: [Int], scalars: [Scalar]) {
        self.dimensions = shape
        self.storage = scalars
    }

    /// A tensor of `template`'s shape whose elements `body` writes, every one of them, into
    /// uninitialised memory (for kernels that would otherwise copy or zero a buffer first).
    /// - Parameters:
    ///   - template: whose shape the new tensor takes.
    ///   - body: writes every element.
    @inlinable
    public init(shapeOf template: Tensor, initializingWith body: (UnsafeMutableBufferPointer<Scalar>) -> Void) {
        let count = template.count
        self.init(
            uncheckedShape: template.shape,
            scalars: [Scalar](unsafeUninitializedCapacity: count) { buffer, initialized in
                body(buffer)
                initialized = count
            })
    }

    /// A tensor of `shape` filled with `value`.
    /// - Parameters:
    ///   - shape: the dimensions.
    ///   - value: every element.
    @inlinable
    public init(shape: [Int], repeating value: Scalar) {
        self.init(uncheckedShape: shape, scalars: Array(repeating: value, count: shape.reduce(1, *)))
    }

    /// A scalar (rank-0) tensor.
    /// - Parameter value: the one element.
    public init(_ value: Scalar) {
        self.init(uncheckedShape: [], scalars: [value])
    }

    /// A rank-1 tensor holding `values`.
    /// - Parameter values: the elements.
    public init(_ values: [Scalar]) {
        self.init(uncheckedShape: [values.count], scalars: values)
    }

    /// A rank-2 tensor from nested rows; throws if the rows differ in length.
    /// - Parameter rows: equal-length rows.
    /// - Throws: `TensorError` when the rows differ in length.
    public init(_ rows: [[Scalar]]) throws {
        let columns = rows.first?.count ?? 0
        guard rows.allSatisfy({ $0.count == columns }) else {
            throw TensorError.invalidShape(
                operation: "Tensor(rows)", shape: rows.map(\.count), expected: "rows of equal length")
        }
        self.init(uncheckedShape: [rows.count, columns], scalars: rows.flatMap { $0 })
    }

    @inlinable public var rank: Int { shape.count }
    @inlinable public var count: Int { scalars.count }
    /// The size of the first dimension (rows of a matrix, batch size of a batch).
    @inlinable public var rowCount: Int { shape.first ?? 1 }
    /// The number of elements per row: the product of all dimensions but the first.
    @inlinable public var rowWidth: Int { shape.count <= 1 ? 1 : shape.dropFirst().reduce(1, *) }

    /// The single element of a one-element tensor.
    public var scalar: Scalar? { scalars.count == 1 ? scalars[0] : nil }

    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Scalar>) throws -> R) rethrows -> R {
        try scalars.withUnsafeBufferPointer(body)
    }

    @inlinable
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (inout UnsafeMutableBufferPointer<Scalar>) throws -> R
    ) rethrows -> R {
        try storage.withUnsafeMutableBufferPointer(body)
    }

    /// Element access by a full multi-index; checks rank and bounds.
    public func element(at index: [Int]) throws -> Scalar {
        try scalars[flatIndex(index)]
    }

    /// Sets one element by a full multi-index; checks rank and bounds.
    public mutating func setElement(_ value: Scalar, at index: [Int]) throws {
        storage[try flatIndex(index)] = value
    }

    func flatIndex(_ index: [Int]) throws -> Int {
        guard index.count == shape.count else {
            throw TensorError.invalidShape(
                operation: "element(at:)", shape: shape, expected: "an index of \(shape.count) components")
        }
        var flat = 0
        for (i, extent) in zip(index, shape) {
            guard (0..<extent).contains(i) else {
                throw TensorError.indexOutOfRange(operation: "element(at:)", index: i, count: extent)
            }
            flat = flat * extent + i
        }
        return flat
    }
}
