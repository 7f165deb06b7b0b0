/// What a registry holds, slot by slot, as `train --components` prints it: every component's
/// name, whether a user's type fills it, and each setting with its default, kind and meaning.
public struct ComponentCatalog: CustomStringConvertible {
    public let registry: ComponentRegistry

    /// - Parameter registry: the registry to list, a user's components included.
    public init(registry: ComponentRegistry) { self.registry = registry }

    public var description: String {
        var lines: [String] = []
        for kind in ComponentSlot.Kind.allCases {
            lines.append(kind == .loss ? "losses:" : "\(kind.rawValue)s:")
            for name in registry.names(kind) {
                let owner = registry.replacements[ComponentSlot(kind, name)].map { " (yours: \($0))" } ?? ""
                let settings = registry.declaredSettings(kind, name) ?? []
                lines.append("  \(name)\(owner)\(settings.isEmpty ? ": no settings" : "")")
                lines += settings.map { "      \($0)" }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
