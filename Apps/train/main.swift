import BackpropHarness

Harness.train()
