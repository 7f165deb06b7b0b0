// The umbrella module: `import Backprop` brings in every framework module; it defines nothing itself.
@_exported import Autograd
@_exported import Datasets
@_exported import Layers
@_exported import Losses
@_exported import Optimizers
@_exported import Plotting
@_exported import Randomness
@_exported import Schedulers
@_exported import TensorCore
@_exported import Training
