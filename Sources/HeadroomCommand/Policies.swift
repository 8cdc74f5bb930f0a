import ArgumentParser
import Headroom

/// `headroom policies`: the packs that ship, and every figure with its source.
struct Policies: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List the bundled policy packs, or show one pack's figures and sources.",
    subcommands: [List.self, Show.self])

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Id, jurisdiction, currency, model, versions and digest of each pack.")

    func run() throws {
      try reportingErrors {
        var rows = [["id", "jurisdiction", "currency", "model", "versions", "digest"]]
        for id in PolicyPack.bundledIDs {
          let pack = try load(id)
          rows.append([
            pack.id, pack.jurisdiction, pack.currency.code, pack.model.rawValue,
            pack.versions.map { "\($0.version) from \($0.effectiveFrom)" }.joined(separator: "; "),
            pack.digest,
          ])
        }
        print(table(rows, rightAligned: []), terminator: "")
      }
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Every figure of a pack, version by version, with its source.")

    @Argument(help: "A bundled pack id, or a pack file.")
    var pack: String

    func run() throws {
      try reportingErrors {
        let pack = PolicyPack.bundledIDs.contains(self.pack) ? try load(self.pack) : try loadFile(self.pack)
        print("\(pack.id): \(pack.name)")
        print(
          "jurisdiction \(pack.jurisdiction), currency \(pack.currency.code), model \(pack.model.rawValue)")
        print("digest \(pack.digest)")
        for version in pack.versions {
          print("\nversion \(version.version), in force from \(version.effectiveFrom)")
          for figure in version.figureSources {
            var writer = JSONWriter()
            writer.value(figure.value)
            print("  \(figure.figure) = \(String(decoding: writer.bytes, as: UTF8.self))")
            print("    source [\(figure.source)]: \(pack.citation(figure.source) ?? "")")
          }
        }
      }
    }
  }
}

private func load(_ id: String) throws -> PolicyPack {
  do { return try PolicyPack.bundled(id) } catch { throw InputError(error.description) }
}

private func loadFile(_ path: String) throws -> PolicyPack {
  let bytes = try readFile(path)
  do { return try PolicyPack(bytes: bytes) } catch { throw InputError("\(path): \(error.description)") }
}
