import BackpropHarness

Harness.reproduce()
