import TensorCore

/// One row of a model summary: a leaf module with its input and output shapes.
public struct LayerSummary: Equatable, Sendable {
    public let index: Int
    public let type: String
    public let inputShape: [Int]
    public let outputShape: [Int]
    public let parameterCount: Int
}

extension Module {
    /// The leaf layers in order with their shapes, found by running a zero batch of one sample
    /// through the model in evaluation mode.
    public func layerSummaries(inputShape: [Int]) throws -> [LayerSummary] {
        let wasTraining = isTraining
        eval()
        defer { if wasTraining { train() } }
        var rows: [LayerSummary] = []
        _ = try summarise(self, input: Tensor.zeros([1] + inputShape), into: &rows)
        return rows
    }

    /// A printable table of the leaf layers: index, type, input and output sizes, parameter count.
    public func summary(inputShape: [Int]) throws -> String {
        let rows = try layerSummaries(inputShape: inputShape)
        func size(_ shape: [Int]) -> String { shape.dropFirst().map(String.init).joined(separator: "×") }
        var lines = ["Layer  Type        In          Out         Parameters"]
        for row in rows {
            lines.append(
                "\(row.index)".padding(toLength: 7, withPad: " ", startingAt: 0)
                    + row.type.padding(toLength: 12, withPad: " ", startingAt: 0)
                    + size(row.inputShape).padding(toLength: 12, withPad: " ", startingAt: 0)
                    + size(row.outputShape).padding(toLength: 12, withPad: " ", startingAt: 0)
                    + "\(row.parameterCount)")
        }
        lines.append("Total parameters: \(parameterCount)")
        return lines.joined(separator: "\n")
    }
}

private func summarise<Scalar>(_ module: any Module<Scalar>, input: Tensor<Scalar>, into rows: inout [LayerSummary])
    throws -> Tensor<Scalar>
{
    guard !module.children.isEmpty else {
        let output = try module.forward(input)
        rows.append(
            LayerSummary(
                index: rows.count + 1, type: module.typeName, inputShape: input.shape, outputShape: output.shape,
                parameterCount: module.parameterCount))
        return output
    }
    var x = input
    for child in module.children { x = try summarise(child, input: x, into: &rows) }
    return x
}
