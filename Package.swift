// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "Headroom",
  // The public surface: one library, one command. Everything else is internal.
  products: [
    .library(name: "Headroom", targets: ["Headroom"]),
    .executable(name: "headroom", targets: ["HeadroomCommand"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
  ],
  targets: [
    // MARK: Exact arithmetic

    // GMP, found through pkg-config; the shim header wraps the macros Swift cannot import.
    .systemLibrary(
      name: "CGMP",
      pkgConfig: "gmp",
      providers: [.apt(["libgmp-dev"])]
    ),
    .target(
      name: "HeadroomExact",
      dependencies: ["CGMP"]
    ),

    // MARK: Domain engine and I/O

    // Stage 1 of the JSON tokenizer in C, for the vector compares Swift
    // does not emit: an internal module of Headroom, imported by no one else.
    .target(name: "CJSONScan"),
    .target(
      name: "Headroom",
      dependencies: [
        "HeadroomExact",
        "CJSONScan",
        .product(name: "Crypto", package: "swift-crypto"),
      ],
      // Policy packs ship as data files, never code.
      resources: [.copy("Resources/Policies"), .copy("Resources/sfs-categories.tsv")]
    ),

    // MARK: Command line

    .executableTarget(
      name: "HeadroomCommand",
      dependencies: [
        "Headroom",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),

    // MARK: Tests

    // Seeded generators shared by the test targets (not a product).
    .target(
      name: "HeadroomTestSupport",
      dependencies: ["HeadroomExact"],
      path: "Tests/HeadroomTestSupport"
    ),
    .testTarget(
      name: "HeadroomExactTests",
      dependencies: ["HeadroomExact", "HeadroomTestSupport"]
    ),
    .testTarget(
      name: "HeadroomTests",
      dependencies: ["Headroom", "HeadroomTestSupport"],
      // The fixtures live at the top level; tests find them from #filePath.
      exclude: []
    ),
    // Runs the built `headroom` command; the dependency makes `swift test` build it.
    .testTarget(
      name: "HeadroomCommandTests",
      dependencies: ["HeadroomCommand"]
    ),
  ]
)
