"""What the tests and the benchmarks share: the app in a server, Chromium, faces, a fake camera."""
