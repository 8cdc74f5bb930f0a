import Foundation
import FoundationXML

extension SFSDocument {
  /// Reads an SFS data-entry document from XML (`sfs-data-entry-schema.xsd`).
  ///
  /// Foundation's `XMLParser` (libxml2) reads the text; external entities are
  /// not resolved. Elements become members in document order, repeated
  /// elements a list; an element's text is trimmed of surrounding white space.
  public init(xml bytes: [UInt8]) throws(SFSError) {
    let builder = XMLTreeBuilder()
    let parser = XMLParser(data: Data(bytes))
    parser.shouldResolveExternalEntities = false
    parser.shouldProcessNamespaces = false
    parser.delegate = builder
    let parsed = parser.parse()
    guard parsed, !builder.tooDeep, let root = builder.root else {
      let reason =
        builder.tooDeep
        ? "elements nested deeper than \(XMLTreeBuilder.maxDepth)"
        : "the parser stopped (libxml2 error \(parser.parserError.map { ($0 as NSError).code } ?? 0))"
      throw SFSError(problems: [
        CaseError(
          .invalidXML, path: "",
          "expected well-formed XML; \(reason) at line \(parser.lineNumber), column \(parser.columnNumber)")
      ])
    }
    try self.init(tree: root, textual: true)
  }
}

/// Builds a ``JSONValue`` tree from XML events: an element with child
/// elements becomes an object of its children, any other element its text.
private final class XMLTreeBuilder: NSObject, XMLParserDelegate {
  static let maxDepth = 64

  private var stack: [(name: String, members: [(key: String, value: JSONValue)], text: String)] = []
  var root: JSONValue?
  var tooDeep = false

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
  ) {
    guard stack.count < Self.maxDepth else {
      tooDeep = true
      parser.abortParsing()
      return
    }
    stack.append((elementName, [], ""))
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    if !stack.isEmpty { stack[stack.count - 1].text += string }
  }

  func parser(_ parser: XMLParser, foundCDATA block: Data) {
    if !stack.isEmpty { stack[stack.count - 1].text += String(decoding: block, as: UTF8.self) }
  }

  func parser(
    _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?
  ) {
    guard let element = stack.popLast() else { return }
    let value: JSONValue =
      element.members.isEmpty
      ? .string(element.text.trimmingCharacters(in: .whitespacesAndNewlines)) : .object(element.members)
    if stack.isEmpty {
      root = value
    } else {
      stack[stack.count - 1].members.append((element.name, value))
    }
  }
}
