import Backprop

extension ComponentRegistry {
    /// The registry slots a run uses: its dataset, and for the shared loop every layer type of its
    /// model, their initializers, its loss, optimizer and schedule.
    func slots(usedBy request: RunRequest) -> Set<ComponentSlot> {
        var slots: Set<ComponentSlot> = [ComponentSlot(.dataset, request.dataset.name)]
        guard request.kind == .sharedLoop else { return slots }
        if let model = request.model, let list = try? layerList(model) {
            for layer in list.layers {
                slots.insert(ComponentSlot(.layer, layer.type))
                for setting in layers[layer.type]?.settings ?? [] {
                    guard case .component(let kind) = setting.kind, case .defaultValue(let fallback) = setting.absence
                    else { continue }
                    switch layer.settings[setting.name] ?? fallback {
                    case .string(let name): slots.insert(ComponentSlot(kind, name))
                    case .object(let object):
                        if case .string(let name) = object["name"] { slots.insert(ComponentSlot(kind, name)) }
                    default: continue
                    }
                }
            }
        }
        slots.insert(ComponentSlot(.loss, request.training.loss.name))
        slots.insert(ComponentSlot(.optimizer, request.training.optimizer.name))
        if let schedule = request.training.schedule { slots.insert(ComponentSlot(.schedule, schedule.name)) }
        for observer in request.training.observers ?? [] { slots.insert(ComponentSlot(.observer, observer.name)) }
        return slots
    }

    /// The user's components among the slots `request` uses, or nil when it uses built-ins only.
    func replacements(usedBy request: RunRequest) -> [ComponentSlot: String]? {
        let used = slots(usedBy: request)
        let mine = replacements.filter { used.contains($0.key) }
        return mine.isEmpty ? nil : mine
    }

    /// "layer linear → StudentLinear, optimizer sgd → StudentSGD", or "built-in" when `replacements` is empty.
    static func describe(_ replacements: [ComponentSlot: String]) -> String {
        replacements.isEmpty
            ? "built-in"
            : replacements.sorted { $0.key < $1.key }.map { "\($0.key) → \($0.value)" }.joined(separator: ", ")
    }
}

extension RunRequest {
    /// This request with the user's components it uses recorded, so they are part of its cache key.
    func stamped(with registry: ComponentRegistry) -> RunRequest {
        var request = self
        request.components = registry.replacements(usedBy: self).map {
            Dictionary(uniqueKeysWithValues: $0.map { ($0.key.description, $0.value) })
        }
        return request
    }
}
