/// One named place in the registry: a kind of component and the name experiments use for it
/// ("optimizer sgd", "layer linear").
public struct ComponentSlot: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The registry's groups, one per framework target that provides the built-ins.
    public enum Kind: String, Sendable, CaseIterable, Comparable {
        case layer, initializer, loss, optimizer, schedule, dataset, observer

        public static func < (lhs: Kind, rhs: Kind) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    public let kind: Kind
    public let name: String

    /// - Parameters:
    ///   - kind: the kind of component.
    ///   - name: the registry name.
    public init(_ kind: Kind, _ name: String) { (self.kind, self.name) = (kind, name) }

    public var description: String { "\(kind.rawValue) \(name)" }

    public static func < (lhs: ComponentSlot, rhs: ComponentSlot) -> Bool {
        (lhs.kind, lhs.name) < (rhs.kind, rhs.name)
    }
}
