import Backprop
import Foundation

/// Ctrl-C (SIGINT) during `train`: the first one asks the training loop to stop after its current
/// step, so the epoch so far is checkpointed and plotted; a second one exits at once.
enum InterruptHandler {
    /// Keeps the signal source alive for the life of the process.
    nonisolated(unsafe) private static var source: DispatchSourceSignal?

    /// Routes SIGINT to the returned request.
    static func install() -> StopRequest {
        let stop = StopRequest()
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            if stop.isRequested { exit(130) }
            FileHandle.standardError.write(
                Data("\ninterrupt: stopping after the current step (Ctrl-C again to quit at once)\n".utf8))
            stop.request()
        }
        source.resume()
        Self.source = source
        return stop
    }
}
