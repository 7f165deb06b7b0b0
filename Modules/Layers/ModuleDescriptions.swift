import TensorCore

// The settings each built-in layer prints after its name, and `print(layer)` through
// `moduleDescription` (a user's module gets the same by conforming to CustomStringConvertible).

extension Linear: CustomStringConvertible {
    public var settingsDescription: String {
        "inputFeatures: \(inputFeatures), outputFeatures: \(outputFeatures), bias: \(bias != nil)"
    }
    public var description: String { moduleDescription }
}

extension Conv2d: CustomStringConvertible {
    public var settingsDescription: String {
        "inChannels: \(inChannels), outChannels: \(outChannels), kernelSize: \(kernelSize), stride: \(stride), padding: \(padding)"
    }
    public var description: String { moduleDescription }
}

extension MaxPool2d: CustomStringConvertible {
    public var settingsDescription: String { "kernelSize: \(kernelSize), stride: \(stride)" }
    public var description: String { moduleDescription }
}

extension BatchNorm1d: CustomStringConvertible {
    public var settingsDescription: String {
        "features: \(weight.value.count), epsilon: \(epsilon), momentum: \(momentum)"
    }
    public var description: String { moduleDescription }
}

extension Dropout: CustomStringConvertible {
    public var settingsDescription: String { "probability: \(probability)" }
    public var description: String { moduleDescription }
}

extension Reshape: CustomStringConvertible {
    public var settingsDescription: String { "\(shape)" }
    public var description: String { moduleDescription }
}

extension Activation: CustomStringConvertible {
    public var description: String { moduleDescription }
}

extension Flatten: CustomStringConvertible {
    public var description: String { moduleDescription }
}

extension Softmax: CustomStringConvertible {
    public var description: String { moduleDescription }
}

extension LogSoftmax: CustomStringConvertible {
    public var description: String { moduleDescription }
}

extension Sequential: CustomStringConvertible {
    public var description: String { moduleDescription }
}
