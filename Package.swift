// swift-tools-version: 6.2
import PackageDescription

/// Our own targets build with every warning as an error.
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
  name: "leadscreen",
  products: [
    .executable(name: "leadscreen", targets: ["leadscreen"]),
    .library(name: "LeadScreen", targets: ["LeadScreen"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
  ],
  targets: [
    // PCRE2 (8-bit code units) from Debian's libpcre2-dev: module map and one header.
    .systemLibrary(
      name: "CPCRE2",
      pkgConfig: "libpcre2-8",
      providers: [.apt(["libpcre2-dev"])]
    ),
    // zlib, for reading gzip input transparently.
    .systemLibrary(
      name: "CZlib",
      pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev"])]
    ),
    // SQLite from Debian's libsqlite3-dev, for the state kept across runs (`score --state`).
    .systemLibrary(
      name: "CSQLite",
      pkgConfig: "sqlite3",
      providers: [.apt(["libsqlite3-dev"])]
    ),
    // Byte scans with SSE2 intrinsics (Swift's generic SIMD types are not lowered to them).
    .target(name: "CByteScan"),
    // C library calls Glibc's Swift module does not export (fallocate, mallopt).
    .target(name: "CSystem"),
    // SHA-256 compression in C, with the CPU's SHA extensions where it has them.
    .target(name: "CDigest"),
    // Every stage, rule and model: no argument parsing, no global I/O.
    .target(
      name: "LeadScreen",
      dependencies: [
        "CPCRE2",
        "CZlib",
        "CSQLite",
        "CByteScan",
        "CSystem",
        "CDigest",
        .product(name: "Yams", package: "Yams"),
        .product(name: "DequeModule", package: "swift-collections"),
      ],
      swiftSettings: strict
    ),
    // The command: parse arguments, open files, wire the pipeline, map errors to exit codes.
    .executableTarget(
      name: "leadscreen",
      dependencies: [
        "LeadScreen",
        "CSystem",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: strict
    ),
    .testTarget(
      name: "LeadScreenTests",
      dependencies: ["LeadScreen", "leadscreen", "CDigest"],
      resources: [.copy("Fixtures")],
      swiftSettings: strict
    ),
  ]
)
