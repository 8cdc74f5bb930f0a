// swift-tools-version: 6.1
import PackageDescription

// The package-benchmark suite. It is its own package, so `swift test` at the
// top never builds it or its dependencies. Run it from this folder:
//
//     swift package --allow-writing-to-package-directory benchmark
//
// Only the public API of `Headroom` is used: this is a different package, so
// `package` symbols are out of reach by design.
//
// A path dependency's identity is its folder's name (this worktree's, or the
// clone's), not the manifest's `name`, so it is read off the parent folder.
let headroom = String(Context.packageDirectory.split(separator: "/").dropLast().last ?? "headroom")

let package = Package(
  name: "HeadroomBenchmarks",
  dependencies: [
    .package(path: ".."),
    // Only the malloc interposer (malloc/free counts); no ARC runtime interposer.
    .package(
      url: "https://github.com/ordo-one/package-benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
  ],
  targets: [
    // Rational (fast and GMP paths), decimal money text, allocation.
    .executableTarget(
      name: "ExactBenchmarks",
      dependencies: [
        .product(name: "Headroom", package: headroom),
        .product(name: "Benchmark", package: "package-benchmark"),
      ],
      path: "ExactBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
    ),
    // One case assessed in process; a 10,000-case rescore through the bulk path.
    .executableTarget(
      name: "EngineBenchmarks",
      dependencies: [
        .product(name: "Headroom", package: headroom),
        .product(name: "Benchmark", package: "package-benchmark"),
      ],
      path: "EngineBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
    ),
    // Not a benchmark: a small program to run under valgrind (leaks on the GMP
    // path, heap totals on the fast path). Outside Benchmarks/*/, so the
    // benchmark plugin does not pick it up.
    .executableTarget(
      name: "GMPLeakCheck",
      dependencies: [.product(name: "Headroom", package: headroom)],
      path: "Tools/GMPLeakCheck"
    ),
  ]
)
