// Placeholder until the test support is written.
