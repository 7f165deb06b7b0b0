import BackpropHarness
import StudentComponents

// `student-reproduce [--broken] <reproduce arguments>`: Backprop's `reproduce` command line with
// the student's Linear and SGD registered (with --broken, the SGD that forgets its momentum).
var arguments = Array(CommandLine.arguments.dropFirst())
let broken = arguments.contains("--broken")
arguments.removeAll { $0 == "--broken" }
Harness.reproduce(registry: studentRegistry(broken: broken), arguments: arguments)
