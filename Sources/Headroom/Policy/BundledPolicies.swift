import Foundation

/// Files that ship inside the Headroom library.
enum BundledResource {
  static func bytes(_ name: String, subdirectory: String? = nil) -> [UInt8]? {
    let base = (name as NSString).deletingPathExtension
    let ext = (name as NSString).pathExtension
    guard let url = Bundle.module.url(forResource: base, withExtension: ext, subdirectory: subdirectory),
      let data = try? Data(contentsOf: url)
    else { return nil }
    return [UInt8](data)
  }

  static func text(_ name: String) -> String {
    String(decoding: bytes(name) ?? [], as: UTF8.self)
  }
}

extension PolicyPack {
  /// The ids of the packs that ship with Headroom.
  public static let bundledIDs = ["gb-sfs", "se-kfm", "no-sit", "dk-gst"]

  /// The file bytes of a bundled pack, or nil.
  public static func bundledBytes(_ id: String) -> [UInt8]? {
    guard bundledIDs.contains(id) else { return nil }
    return BundledResource.bytes(id + ".json", subdirectory: "Policies")
  }

  /// Loads a bundled pack by id, with an optional overlay.
  public static func bundled(_ id: String, overlay: [UInt8]? = nil) throws(PolicyError) -> PolicyPack {
    guard let bytes = bundledBytes(id) else {
      throw PolicyError(
        path: "policy",
        message: "expected one of \(bundledIDs.joined(separator: ", ")) or a pack file, found '\(id)'")
    }
    return try PolicyPack(bytes: bytes, overlay: overlay)
  }
}
