/// A strict RFC 8259 reader over UTF-8 bytes, giving a ``JSONValue`` tree.
///
/// It shares ``JSONTape``'s scanner, so both refuse exactly the same inputs:
/// invalid UTF-8, unescaped control characters (NUL included), trailing
/// bytes after the value, and nesting deeper than ``maxDepth``.
public enum JSONParser {
  public static let maxDepth = 64

  /// Parses one JSON value filling the whole of `bytes` (whitespace around it allowed).
  public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> JSONValue {
    try JSONTape(bytes).withRoot { $0.value }
  }

  /// Parses a JSON text held in a `String` or byte array.
  public static func parse(_ text: some Collection<UInt8>) throws(JSONSyntaxError) -> JSONValue {
    let array = Array(text)
    let result: Result<JSONValue, JSONSyntaxError> = array.withUnsafeBufferPointer { buffer in
      do throws(JSONSyntaxError) { return .success(try parse(buffer)) } catch { return .failure(error) }
    }
    return try result.get()
  }
}
